using Oso.Dossier.Model;

namespace Oso.Synthetic;

/// <summary>Options for <see cref="SyntheticDossiers"/>. The defaults give a complete, officially valid dossier with small attachments.</summary>
public sealed record SyntheticOptions
{
    /// <summary>The defaults.</summary>
    public static SyntheticOptions Default { get; } = new();

    /// <summary>
    /// The size in bytes of each attachment (a ZIP file of random content, so the size is real); 0 leaves attachments
    /// out. Default 16 KiB. The pupil's data do not depend on it: the same seed gives the same pupil at any size.
    /// </summary>
    public long AttachmentSize { get; init; } = 16 * 1024;

    /// <summary>
    /// Switch off every category the profile leaves optional (<c>OPT-UIT</c>) and leave its data out, like the
    /// official <c>opt_out</c> examples; a school that sends only what is required. Default false.
    /// </summary>
    public bool OptOut { get; init; }

    /// <summary>
    /// The sending school (from <see cref="SyntheticDossiers.CreateSchool"/> or your own), so that many pupils share one
    /// school; it must be of the profile's sector. Null: a school drawn from the seed.
    /// </summary>
    public School? School { get; init; }

    /// <summary>The <c>metadata/pakketnaam</c>.</summary>
    public string Pakketnaam { get; init; } = "OpenOSO synthetisch";

    /// <summary>The <c>metadata/pakketversie</c>.</summary>
    public string Pakketversie { get; init; } = "1.0";

    internal void Check()
    {
        if (AttachmentSize < 0 || AttachmentSize > 512L * 1024 * 1024)
            throw new ArgumentOutOfRangeException(nameof(AttachmentSize), AttachmentSize, "The attachment size must be between 0 and 512 MiB.");
        ArgumentException.ThrowIfNullOrWhiteSpace(Pakketnaam);
        ArgumentException.ThrowIfNullOrWhiteSpace(Pakketversie);
    }
}
