using System.Text;
using System.Xml;
using Oso.Dossier.Model;

namespace Oso.Dossier;

/// <summary>Writes the typed model as OSO XML: the official namespace, the official element order, UTF-8.</summary>
public static class DossierWriter
{
    private static readonly XmlWriterSettings Indented = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        Indent = true,
        IndentChars = "  ",
        NewLineChars = "\n",
        CloseOutput = false,
    };

    private static readonly XmlWriterSettings Compact = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        Indent = false,
        CloseOutput = false,
    };

    /// <summary>Writes a document to a stream (indented unless <paramref name="indent"/> is false).</summary>
    public static void Write(IOsoDocument document, Stream output, bool indent = true)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(output);
        using var writer = XmlWriter.Create(output, indent ? Indented : Compact);
        Write(document, writer);
    }

    /// <summary>Writes a document as the next element of an <see cref="XmlWriter"/> (e.g. inside a SOAP body).</summary>
    public static void Write(IOsoDocument document, XmlWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (writer.WriteState == WriteState.Start) writer.WriteStartDocument();
        ModelWriter.WriteDocument(writer, document);
        writer.Flush();
    }

    /// <summary>Writes a document to a file.</summary>
    public static void Write(IOsoDocument document, string path, bool indent = true)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024);
        Write(document, stream, indent);
    }

    /// <summary>The document as UTF-8 bytes.</summary>
    public static byte[] ToBytes(IOsoDocument document, bool indent = true)
    {
        using var stream = new MemoryStream();
        Write(document, stream, indent);
        return stream.ToArray();
    }

    /// <summary>The document as XML text.</summary>
    public static string ToXml(IOsoDocument document, bool indent = true) => Encoding.UTF8.GetString(ToBytes(document, indent));
}
