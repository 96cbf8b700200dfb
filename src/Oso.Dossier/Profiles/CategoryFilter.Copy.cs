using System.Text;
using System.Xml;
using Oso.Dossier.Codes;
using Oso.Dossier.Model;
using Oso.Dossier.Schema;

namespace Oso.Dossier.Profiles;

/// <summary>What <see cref="CategoryFilter.Copy"/> saw of the released dossier while it copied it (before filtering).</summary>
/// <param name="Standaardversie">The text of <c>metadata/standaardversie</c>, or null.</param>
/// <param name="Inzage">The value of <c>inzage/inzage</c>, or null (absent or not a boolean).</param>
/// <param name="Toestemming">The text of <c>inzage/toestemming</c>, or null.</param>
/// <param name="Present">
/// The categories with data in the release as it was read, left-out ones included. Only the required categories are asked
/// of it (<see cref="MissingRequired"/>), and a required category is never left out, so for them it is what
/// <see cref="CategoryFilter.Present"/> gives for the filtered model.
/// </param>
public sealed record CopiedDossier(string? Standaardversie, bool? Inzage, string? Toestemming, IReadOnlySet<Category> Present)
{
    /// <summary>The categories the profile requires that the copy lacks, as <see cref="CategoryFilter.MissingRequired"/>.</summary>
    public IReadOnlyList<Category> MissingRequired(OverstapProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return Enum.GetValues<Category>().Where(c => profile[c] == Requirement.Verplicht && !Present.Contains(c)).ToList();
    }
}

public static partial class CategoryFilter
{
    private const int TextChunk = 16 * 1024;

    private static readonly XmlReaderSettings CopyReaderSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = false,
    };

    // as DossierWriter's compact form (the same new-line handling), without the declaration: the bytes a message embeds
    private static readonly XmlWriterSettings CopyWriterSettings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        Indent = false,
        OmitXmlDeclaration = true,
        CloseOutput = false,
    };

    /// <summary>
    /// Copies a released <c>dossier</c> from <paramref name="input"/> to <paramref name="output"/> element by element,
    /// leaving out exactly what <see cref="Apply"/> removes from the model (the same <see cref="CategoryElements"/> rows)
    /// and setting <c>overdrachtsoort</c>, <c>metadata/overstap</c> and <c>metadata/categorie_uitlevering</c> as it does.
    /// The model is never built: text (a base64 attachment too) goes across in chunks of at most 16 K characters, so the
    /// copy holds O(chunk) besides the input's own buffer. The input must be a schema-valid dossier (a release is checked
    /// when it is made); this is a filter, not a validator. Throws <see cref="InvalidDataException"/> when the root is not a
    /// gegevensset <c>dossier</c> or is not well-formed (located, without the parser's message: it can quote content).
    /// </summary>
    public static CopiedDossier Copy(Stream input, Stream output, OverstapProfile profile, IReadOnlySet<Category>? optOut = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(profile);
        try
        {
            return CopyWellFormed(input, output, profile, optOut);
        }
        catch (XmlException e)
        {
            throw new InvalidDataException($"Het vrijgegeven dossier is geen welgevormde XML (regel {e.LineNumber}, kolom {e.LinePosition}).");
        }
    }

    private static CopiedDossier CopyWellFormed(Stream input, Stream output, OverstapProfile profile, IReadOnlySet<Category>? optOut)
    {
        var marks = Marks(profile, optOut);
        var removed = marks.Where(m => m.Value is Categorie.Verboden or Categorie.OptUit).Select(m => m.Key).ToHashSet();
        var supportTouched = CategoryElements.All.Any(e => e.Parent == CategoryParent.Onderwijsondersteuning && removed.Contains(e.Category));

        using var reader = XmlReader.Create(input, CopyReaderSettings);
        using var w = XmlWriter.Create(output, CopyWriterSettings);
        const string Ns = Gegevensset2019.Namespace;
        if (reader.MoveToContent() != XmlNodeType.Element || reader.LocalName != "dossier" || reader.NamespaceURI != Ns)
            throw new InvalidDataException("Het vrijgegeven document is geen dossier in de namespace van de gegevensset.");

        var path = new List<string>(16); // local names of the open elements ("" for one outside the namespace)
        var present = new HashSet<Category> { Category.Metadata, Category.School, Category.Leerling };
        var chunk = new char[TextChunk];
        StringBuilder? capture = null;   // the text of a fact element being read
        string? standaardversie = null, toestemming = null, inzageText = null;
        List<(string Prefix, string LocalName, string Ns, string Value)>? pendingSupport = null; // onderwijsondersteuning not yet written
        var pendingSupportPrefix = "";
        var suppressAt = -1; // the depth of a left-out inzage being read (-1: none)

        var more = true;
        while (more)
        {
            var advance = true;
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                {
                    var name = reader.NamespaceURI == Ns ? reader.LocalName : "";
                    if (suppressAt >= 0)
                    {
                        // inside a left-out inzage: read for the checks the bron makes on it, written nowhere
                        if (reader.IsEmptyElement) break;
                        path.Add(name);
                        if (IsFact(path)) capture = new StringBuilder();
                        break;
                    }
                    var parent = Parent(path);
                    if (parent is { } p && name.Length > 0 && CategoryElements.Of(p, name) is { } category)
                    {
                        present.Add(category);
                        if (removed.Contains(category))
                        {
                            if (path.Count == 1 && name == "inzage" && !reader.IsEmptyElement)
                            {
                                suppressAt = path.Count;
                                path.Add(name);
                                break;
                            }
                            reader.Skip();
                            advance = false;
                            break;
                        }
                    }
                    if (path.Count == 2 && path[1] == "metadata" && name is "overstap" or "categorie_uitlevering")
                    {
                        reader.Skip(); // written anew at the end of metadata
                        advance = false;
                        break;
                    }
                    if (path.Count == 1 && name == "overdrachtsoort")
                    {
                        w.WriteStartElement(reader.Prefix, "overdrachtsoort", Ns);
                        w.WriteString(profile.Overdrachtsoort);
                        w.WriteEndElement();
                        reader.Skip();
                        advance = false;
                        break;
                    }
                    if (pendingSupport is not null && path.Count == 4) WritePendingSupport(w, pendingSupportPrefix, ref pendingSupport);
                    if (supportTouched && parent == CategoryParent.Leerling && name == "onderwijsondersteuning")
                    {
                        // written with its first element that stays: left without any, it goes as a whole (as Apply nulls it)
                        if (reader.IsEmptyElement) break;
                        pendingSupportPrefix = reader.Prefix;
                        pendingSupport = [];
                        if (reader.MoveToFirstAttribute())
                        {
                            do pendingSupport.Add((reader.Prefix, reader.LocalName, reader.NamespaceURI, reader.Value));
                            while (reader.MoveToNextAttribute());
                            reader.MoveToElement();
                        }
                        path.Add(name);
                        break;
                    }
                    w.WriteStartElement(reader.Prefix, reader.LocalName, reader.NamespaceURI);
                    w.WriteAttributes(reader, defattr: false);
                    if (reader.IsEmptyElement)
                    {
                        w.WriteEndElement();
                        break;
                    }
                    path.Add(name);
                    if (IsFact(path)) capture = new StringBuilder();
                    break;
                }
                case XmlNodeType.Text:
                case XmlNodeType.CDATA:
                case XmlNodeType.Whitespace:
                case XmlNodeType.SignificantWhitespace:
                    if (pendingSupport is not null && path.Count == 4) break; // white space inside an onderwijsondersteuning not (yet) written
                    int n;
                    while ((n = reader.ReadValueChunk(chunk, 0, chunk.Length)) > 0)
                    {
                        capture?.Append(chunk, 0, n);
                        if (suppressAt >= 0) continue;
                        if (reader.NodeType is XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace) w.WriteWhitespace(new string(chunk, 0, n));
                        else w.WriteChars(chunk, 0, n);
                    }
                    break;
                case XmlNodeType.EndElement:
                {
                    if (capture is not null)
                    {
                        var text = capture.ToString();
                        capture = null;
                        switch (path.Count == 3 ? (path[1], path[2]) : default)
                        {
                            case ("metadata", "standaardversie"): standaardversie = text; break;
                            case ("inzage", "inzage"): inzageText = text; break;
                            case ("inzage", "toestemming"): toestemming = text; break;
                        }
                    }
                    if (suppressAt >= 0)
                    {
                        path.RemoveAt(path.Count - 1);
                        if (path.Count == suppressAt) suppressAt = -1;
                        break;
                    }
                    if (path.Count == 2 && path[1] == "metadata")
                    {
                        w.WriteStartElement(reader.Prefix, "categorie_uitlevering", Ns);
                        ModelWriter.WriteCategorieUitlevering(w, Uitlevering(marks));
                        w.WriteEndElement();
                        w.WriteStartElement(reader.Prefix, "overstap", Ns);
                        w.WriteString(profile.Overstap);
                        w.WriteEndElement();
                    }
                    var closed = path[^1];
                    path.RemoveAt(path.Count - 1);
                    if (pendingSupport is not null && path.Count == 3 && closed == "onderwijsondersteuning")
                    {
                        pendingSupport = null; // nothing of it stayed: left out whole
                        break;
                    }
                    w.WriteFullEndElement();
                    break;
                }
            }
            more = advance ? reader.Read() : !reader.EOF;
        }
        w.Flush();
        bool? inzage = inzageText is not null && XmlValues.TryParseBoolean(XmlValues.Collapse(inzageText), out var b) ? b : null;
        return new CopiedDossier(standaardversie, inzage, toestemming, present);
    }

    // the category parent the next child element of the open path would have, or null
    private static CategoryParent? Parent(List<string> path) => path.Count switch
    {
        1 => CategoryParent.Dossier,
        3 when path[1] == "huidigeschool" && path[2] == "leerling" => CategoryParent.Leerling,
        4 when path[1] == "huidigeschool" && path[2] == "leerling" && path[3] == "onderwijsondersteuning" => CategoryParent.Onderwijsondersteuning,
        _ => null,
    };

    private static bool IsFact(List<string> path) => path.Count == 3 && (path[1], path[2]) is ("metadata", "standaardversie") or ("inzage", "inzage") or ("inzage", "toestemming");

    private static void WritePendingSupport(XmlWriter w, string prefix, ref List<(string Prefix, string LocalName, string Ns, string Value)>? pending)
    {
        w.WriteStartElement(prefix, "onderwijsondersteuning", Gegevensset2019.Namespace);
        foreach (var a in pending!) w.WriteAttributeString(a.Prefix, a.LocalName, a.Ns, a.Value);
        pending = null;
    }
}
