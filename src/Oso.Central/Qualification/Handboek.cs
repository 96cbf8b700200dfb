namespace Oso.Central.Qualification;

/// <summary>What kind of evidence a checklist item accepts.</summary>
[Flags]
public enum BewijsSoort
{
    /// <summary>An uploaded document (PDF, image, office document).</summary>
    Document = 1,

    /// <summary>A statement signed by a named person of the school.</summary>
    Verklaring = 2,
}

/// <summary>One item of the qualification checklist of the handbook.</summary>
/// <param name="Code">Stable code (used in the API and the CLI).</param>
/// <param name="Titel">Dutch title.</param>
/// <param name="Uitleg">Dutch explanation: what is asked and why.</param>
/// <param name="Bewijs">Which evidence is accepted.</param>
public sealed record ChecklistItem(string Code, string Titel, string Uitleg, BewijsSoort Bewijs);

/// <summary>
/// The handbook's qualification checklist for a school: what a school must show before it may exchange dossiers
/// through OSO. Every item needs evidence that an operator approves.
/// </summary>
public static class Handboek
{
    /// <summary>How long a qualification lasts.</summary>
    public static readonly TimeSpan Geldigheid = TimeSpan.FromDays(2 * 365);

    /// <summary>How long before expiry the school is reminded to re-qualify.</summary>
    public static readonly TimeSpan Herinnering = TimeSpan.FromDays(60);

    /// <summary>Every item, in the handbook's order.</summary>
    public static IReadOnlyList<ChecklistItem> Items { get; } =
    [
        new("informatiebeveiliging", "Informatiebeveiligingsbeleid",
            "Het bestuur heeft een vastgesteld informatiebeveiligings- en privacybeleid dat ook de uitwisseling van leerlinggegevens via OSO omvat. Upload het beleidsdocument of de vaststelling ervan.",
            BewijsSoort.Document),
        new("verwerkersovereenkomst", "Verwerkersovereenkomst met de leverancier",
            "Er is een getekende verwerkersovereenkomst met de leverancier van het leerlingadministratiesysteem (LAS) dat namens de school uitwisselt.",
            BewijsSoort.Document),
        new("privacyfunctionaris", "Functionaris gegevensbescherming",
            "De school (of het bestuur) heeft een functionaris gegevensbescherming of privacycontactpersoon aangewezen. Noem naam en functie in een ondertekende verklaring of upload het aanwijzingsbesluit.",
            BewijsSoort.Document | BewijsSoort.Verklaring),
        new("ouders-geinformeerd", "Ouders geïnformeerd",
            "Ouders zijn geïnformeerd dat het overstapdossier via OSO wordt overgedragen, welke gegevens daarin staan en dat zij het dossier vooraf kunnen inzien (bijvoorbeeld in de schoolgids).",
            BewijsSoort.Document | BewijsSoort.Verklaring),
        new("medewerkers-geautoriseerd", "Medewerkers geautoriseerd",
            "Alleen medewerkers die het nodig hebben, kunnen dossiers samenstellen, klaarzetten of opvragen; hun rechten zijn in het LAS vastgelegd en worden jaarlijks nagelopen.",
            BewijsSoort.Verklaring),
        new("datalekken", "Meldprocedure datalekken",
            "Er is een procedure om datalekken te melden bij de functionaris gegevensbescherming en, waar nodig, de Autoriteit Persoonsgegevens en de betrokkenen.",
            BewijsSoort.Document | BewijsSoort.Verklaring),
        new("testuitwisseling", "Testuitwisseling gedaan",
            "De school heeft met haar LAS een testoverdracht gedaan (bijvoorbeeld met de testschool 00YY) en weet hoe zij een dossier klaarzet en opvraagt.",
            BewijsSoort.Verklaring),
    ];

    /// <summary>The item with <paramref name="code"/>, or null.</summary>
    public static ChecklistItem? Find(string? code) => Items.FirstOrDefault(i => string.Equals(i.Code, code, StringComparison.Ordinal));
}
