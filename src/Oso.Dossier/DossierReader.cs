using Oso.Dossier.Model;
using Oso.Dossier.Schema;
using Oso.Dossier.Validation;
using Oso.Dossier.Xml;

namespace Oso.Dossier;

/// <summary>Options for reading dossiers.</summary>
public sealed record DossierReaderOptions
{
    /// <summary>The defaults.</summary>
    public static DossierReaderOptions Default { get; } = new();

    /// <summary>Limits against hostile input.</summary>
    public XmlLimits Limits { get; init; } = XmlLimits.Default;

    /// <summary>The schema version to read (the gegevensset 2019.1 by default).</summary>
    public SchemaDefinition Schema { get; init; } = Gegevensset2019.Schema;
}

/// <summary>What reading gave: the typed document when the input was structurally valid, and every structural message.</summary>
/// <param name="Document">The typed document (a <see cref="Model.Dossier"/>, <see cref="Dossiers"/> or <see cref="Terugkoppeling"/>), or null.</param>
/// <param name="Meldingen">Well-formedness, limit and schema messages, located.</param>
/// <param name="Tree">The element tree as read (null when the input was not well-formed).</param>
public sealed record DossierReadResult(IOsoDocument? Document, IReadOnlyList<Melding> Meldingen, XmlElementNode? Tree)
{
    /// <summary>True when a typed document was read.</summary>
    public bool Success => Document is not null;

    /// <summary>The document as a single dossier, or null.</summary>
    public Model.Dossier? Dossier => Document as Model.Dossier;
}

/// <summary>
/// Reads OSO documents into the typed model, in one hardened streaming pass that also checks the structure
/// against the schema. Never throws on bad input: a document that is malformed, exceeds a limit or breaks the
/// schema gives no <see cref="DossierReadResult.Document"/> and located <see cref="DossierReadResult.Meldingen"/>.
/// </summary>
public static class DossierReader
{
    /// <summary>Reads from a stream.</summary>
    public static DossierReadResult Read(Stream input, DossierReaderOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= DossierReaderOptions.Default;
        var read = SchemaValidatingReader.Read(input, options.Schema, options.Limits, keepAttachments: true, cancellationToken);
        if (!read.StructurallyValid) return new DossierReadResult(null, read.Meldingen, read.Root);
        try
        {
            var document = ModelReader.ReadDocument(read.Root!);
            if (document is null)
            {
                var root = read.Root!;
                var melding = new Melding(MeldingType.Fout, "MODEL.GeenDossier", root.XPath, root.Line, root.Column,
                    $"Het document is een los '{root.LocalName}'-element; een OSO-document begint met 'dossier', 'dossiers' of 'terugkoppeling'.");
                return new DossierReadResult(null, [.. read.Meldingen, melding], read.Root);
            }
            return new DossierReadResult(document, read.Meldingen, read.Root);
        }
        catch (ModelMappingException ex)
        {
            var melding = new Melding(MeldingType.Fout, "MODEL.WaardeTeGroot", ex.Locatie, 0, 0, ex.Message);
            return new DossierReadResult(null, [.. read.Meldingen, melding], read.Root);
        }
    }

    /// <summary>Reads a file.</summary>
    public static DossierReadResult Read(string path, DossierReaderOptions? options = null, CancellationToken cancellationToken = default)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);
        return Read(stream, options, cancellationToken);
    }

    /// <summary>Reads XML text.</summary>
    public static DossierReadResult Parse(string xml, DossierReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(xml);
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(xml));
        return Read(stream, options);
    }

    /// <summary>Reads a single dossier, throwing <see cref="InvalidDataException"/> with the first messages when it cannot.</summary>
    public static Model.Dossier ReadDossier(Stream input, DossierReaderOptions? options = null)
    {
        var result = Read(input, options);
        return result.Dossier ?? throw new InvalidDataException("Geen geldig dossier: " +
            string.Join("; ", result.Meldingen.Take(3).Select(m => m.ToString())));
    }
}
