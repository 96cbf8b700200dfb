using System.Xml;

namespace Oso.School.Portal.Dossiers;

/// <summary>The inzage block of a dossier, as far as a list needs it.</summary>
/// <param name="Ingezien">Parents (or the pupil) have seen it.</param>
/// <param name="Akkoord">Ja, Nee, Onbekend or null.</param>
/// <param name="Toestemming">Ja, Nee, Onbekend or null.</param>
public sealed record DraftInzage(bool Ingezien, string? Akkoord, string? Toestemming)
{
    /// <summary>No inzage recorded.</summary>
    public static DraftInzage None { get; } = new(false, null, null);

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreWhitespace = true, IgnoreComments = true, IgnoreProcessingInstructions = true,
    };

    /// <summary>
    /// Reads only the start of a (trusted, stored) dossier: <c>inzage</c> comes before <c>huidigeschool</c>, so the pupil
    /// data and attachments are never parsed for a list of many pupils.
    /// </summary>
    public static DraftInzage Read(byte[] xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        using var reader = XmlReader.Create(new MemoryStream(xml), Settings);
        bool? inzage = null;
        string? akkoord = null, toestemming = null;
        var inBlock = false;
        reader.MoveToContent();
        while (!reader.EOF)
        {
            if (reader.NodeType == XmlNodeType.EndElement && reader.Depth == 1 && reader.LocalName == "inzage") break;
            if (reader.NodeType == XmlNodeType.Element && reader.Depth == 1 && reader.LocalName == "huidigeschool") break;
            if (reader.NodeType == XmlNodeType.Element && reader.Depth == 1 && reader.LocalName == "inzage") inBlock = true;
            if (inBlock && reader.NodeType == XmlNodeType.Element && reader.Depth == 2 && reader.LocalName is "inzage" or "akkoord" or "toestemming")
            {
                var name = reader.LocalName;
                var value = reader.ReadElementContentAsString().Trim(); // moves past the element: no Read() after it
                if (name == "inzage") inzage = value is "true" or "1";
                else if (name == "akkoord") akkoord = value;
                else toestemming = value;
                continue;
            }
            reader.Read();
        }
        return new DraftInzage(inzage == true, akkoord, toestemming);
    }
}
