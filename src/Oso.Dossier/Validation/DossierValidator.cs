using Oso.Dossier.Schema;
using Oso.Dossier.Xml;

namespace Oso.Dossier.Validation;

/// <summary>Options for <see cref="DossierValidator"/>.</summary>
public sealed record DossierValidatorOptions
{
    /// <summary>Limits against hostile input.</summary>
    public XmlLimits Limits { get; init; } = XmlLimits.Default;

    /// <summary>The schema version (the gegevensset 2019.1 by default).</summary>
    public SchemaDefinition Schema { get; init; } = Gegevensset2019.Schema;

    /// <summary>An additional XSD to check as well (optional).</summary>
    public ExtraSchema? ExtraSchema { get; init; }
}

/// <summary>
/// Validates OSO documents: well-formedness and limits, the structure of the schema, and (once merged) the official
/// business rules and the checks beyond them. Thread-safe; one instance can validate many files in parallel.
/// </summary>
public sealed class DossierValidator(DossierValidatorOptions? options = null)
{
    private readonly DossierValidatorOptions _options = options ?? new DossierValidatorOptions();

    /// <summary>Validates a document from a stream.</summary>
    public ValidationReport Validate(Stream input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (_options.ExtraSchema is null) return Core(input, cancellationToken);
        // the extra XSD needs a second pass over the same bytes
        var buffer = new MemoryStream();
        input.CopyTo(buffer);
        buffer.Position = 0;
        var report = Core(buffer, cancellationToken);
        buffer.Position = 0;
        return new ValidationReport([.. report.Meldingen, .. _options.ExtraSchema.Validate(buffer)]);
    }

    /// <summary>Validates a file.</summary>
    public ValidationReport Validate(string path, CancellationToken cancellationToken = default)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);
        return Validate(stream, cancellationToken);
    }

    private ValidationReport Core(Stream input, CancellationToken cancellationToken)
    {
        var read = SchemaValidatingReader.Read(input, _options.Schema, _options.Limits, keepAttachments: false, cancellationToken);
        return new ValidationReport(read.Meldingen);
    }
}
