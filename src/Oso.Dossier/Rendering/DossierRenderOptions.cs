namespace Oso.Dossier.Rendering;

/// <summary>Options for <see cref="DossierHtmlRenderer"/>.</summary>
public sealed record DossierRenderOptions
{
    /// <summary>The defaults: PGN masked, the dossier's main heading an <c>&lt;h1&gt;</c>, ids prefixed <c>oso</c>.</summary>
    public static DossierRenderOptions Default { get; } = new();

    /// <summary>
    /// Show the pupil's BSN or onderwijsnummer in full (school staff; parents on their own page). When false
    /// (the default) only the last four digits show: <c>*****6728</c>.
    /// </summary>
    public bool ShowFullPgn { get; init; }

    /// <summary>
    /// The level of the dossier's main heading, 1 to 3 (default 1). A portal that embeds the fragment under its
    /// own <c>&lt;h1&gt;</c> passes 2, so that the page keeps one heading hierarchy.
    /// </summary>
    public int HeadingLevel { get; init; } = 1;

    /// <summary>
    /// Prefix for the ids in the output (letters, digits, <c>-</c> and <c>_</c>; starting with a letter), so that
    /// several dossiers can be shown on one page.
    /// </summary>
    public string IdPrefix { get; init; } = "oso";

    /// <summary>
    /// Where the reader opens an attachment: given its position in <see cref="Model.DossierAttachments.All"/>, the address
    /// (the portal's, which checks access and records each opening). Null (the default): names and sizes only.
    /// </summary>
    public Func<int, string?>? AttachmentLink { get; init; }

    internal void Check()
    {
        if (HeadingLevel is < 1 or > 3)
            throw new ArgumentOutOfRangeException(nameof(HeadingLevel), HeadingLevel, "The main heading level must be 1, 2 or 3.");
        if (IdPrefix is not { Length: > 0 } || !char.IsAsciiLetter(IdPrefix[0])
            || !IdPrefix.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            throw new ArgumentException("The id prefix must start with a letter and hold only letters, digits, '-' and '_'.", nameof(IdPrefix));
    }
}
