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
/// Validates OSO documents as the official validator does — well-formedness and limits, the structure of the schema,
/// every business rule of the official XSLTs — plus checks beyond the standard as <see cref="MeldingType.Waarschuwing"/>.
/// One streaming pass over the bytes; attachments are not kept. Thread-safe: one instance validates many files in parallel.
/// </summary>
public sealed class DossierValidator(DossierValidatorOptions? options = null)
{
    private readonly DossierValidatorOptions _options = options ?? new DossierValidatorOptions();

    /// <summary>
    /// Builds the rule tables now instead of at the first document (a few tens of milliseconds). A tool that validates a
    /// batch can call it on another core while it builds the schema and lists the files. Safe to call more than once.
    /// </summary>
    public static void PrepareRules()
    {
        System.Runtime.CompilerServices.RuntimeHelpers.RunClassConstructor(typeof(Rules.Evaluation.RuleWalker).TypeHandle);
        System.Runtime.CompilerServices.RuntimeHelpers.RunClassConstructor(typeof(Rules.Extra.ExtraRules).TypeHandle);
        System.Runtime.CompilerServices.RuntimeHelpers.RunClassConstructor(typeof(Rules.OfficialRules).TypeHandle);
    }

    /// <summary>Validates a document from a stream.</summary>
    public ValidationReport Validate(Stream input, CancellationToken cancellationToken = default) => Validate(input, null, cancellationToken);

    /// <summary>
    /// Validates a document from a stream whose length the caller knows although the stream cannot seek (an encrypted
    /// spool file): a document larger than the fast reader's limit is then streamed from its first MiB instead of being
    /// buffered up to 32 MiB first. The length only chooses how much is held; the report is the same.
    /// </summary>
    public ValidationReport Validate(Stream input, long? length, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (_options.ExtraSchema is null) return Core(input, length, cancellationToken);
        // the extra XSD needs a second pass over the same bytes
        var buffer = new MemoryStream();
        input.CopyTo(buffer);
        buffer.Position = 0;
        var report = Core(buffer, null, cancellationToken);
        buffer.Position = 0;
        return new ValidationReport([.. report.Meldingen, .. _options.ExtraSchema.Validate(buffer)]);
    }

    /// <summary>Validates a file.</summary>
    public ValidationReport Validate(string path, CancellationToken cancellationToken = default)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);
        return Validate(stream, cancellationToken);
    }

    private ValidationReport Core(Stream input, long? length, CancellationToken cancellationToken)
    {
        // the official tool picks its stylesheet with a regex over the file's first MiB: the buffer holds at least that
        // much of a larger document (see FastReadLimit)
        using var document = DocumentBuffer.Read(input, SchemaValidatingReader.FastReadLimit(_options.Limits), length);
        var read = SchemaValidatingReader.Read(document, _options.Schema, _options.Limits, keepAttachments: false, cancellationToken);
        return WithRules(read, document.Span[..Math.Min(document.Length, DocumentBuffer.ProfilePrefixLength)]);
    }

    private static ValidationReport WithRules(XmlReadResult read, ReadOnlySpan<byte> prefix)
    {
        if (read.Root is null) return new ValidationReport(read.Meldingen);
        var official = Rules.OfficialRules.Evaluate(read.Root, Rules.OfficialRules.SelectProfile(prefix));
        var extra = Rules.Extra.ExtraRules.Evaluate(read.Root);
        if (official.Count == 0 && extra.Count == 0) return new ValidationReport(read.Meldingen);
        return new ValidationReport([.. read.Meldingen, .. official, .. extra]);
    }
}
