using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Oso.Dossier.Codes;
using Oso.Dossier.Model;
using Oso.Dossier.Validation;
using Oso.School.Bron;

namespace Oso.School.Portal.Dossiers;

/// <summary>
/// Composing a draft on top of what the LAS delivered: the pupil's basics, the overstapadvies, notes on
/// onderwijsondersteuning, verzuim and attachments. The page is one form: every save stores all sections (what was typed
/// anywhere is kept), validates the whole dossier, and the meldingen (located, in Dutch) show at the top. Storing goes
/// through <see cref="BronDossiers"/>.
/// </summary>
[RequestFormLimits(MultipartBodyLengthLimit = Attachments.MaxBytes + 1024 * 1024)]
[RequestSizeLimit(Attachments.MaxBytes + 2 * 1024 * 1024)]
public sealed class BewerkenModel(DossierOverview overview, BronDossiers bron, TimeProvider time) : PortalPageModel
{
    /// <summary>The file name of the onderwijsbehoeften note.</summary>
    public const string ToelichtingBestand = "toelichting-onderwijsbehoeften.txt";

    /// <summary>The pupil.</summary>
    [BindProperty(SupportsGet = true, Name = "id")]
    public Guid Id { get; set; }

    /// <summary>The draft.</summary>
    public PupilDetail Detail { get; private set; } = null!;

    /// <summary>The pupil's name.</summary>
    public string Naam => string.IsNullOrWhiteSpace(Detail.Row.Identity.Naam) ? "(naam onbekend)" : Detail.Row.Identity.Naam;

    /// <summary>Attachments in overigdocumentlijst.</summary>
    public IReadOnlyList<Document> Bijlagen => Detail.Dossier.Huidigeschool.Leerling.Overigdocumentlijst;

    /// <summary>The onderwijsbehoeften note is a document the portal cannot show as text (uploaded elsewhere).</summary>
    public string? ToelichtingAlsBestand { get; private set; }

    // section: leerling
    /// <summary>Roepnaam.</summary>
    [BindProperty] public string? Roepnaam { get; set; }
    /// <summary>Voorvoegsel.</summary>
    [BindProperty] public string? Voorvoegsel { get; set; }
    /// <summary>Achternaam.</summary>
    [BindProperty] public string? Achternaam { get; set; }
    /// <summary>Geboortedatum (yyyy-MM-dd).</summary>
    [BindProperty] public string? Geboortedatum { get; set; }
    /// <summary>Geslacht code.</summary>
    [BindProperty] public string? Geslacht { get; set; }

    // section: overstapadvies
    /// <summary>Schooladvies code.</summary>
    [BindProperty] public string? Advies { get; set; }
    /// <summary>Herzien advies code.</summary>
    [BindProperty] public string? Herzienadvies { get; set; }
    /// <summary>Motivation of the revision.</summary>
    [BindProperty] public string? MotivatieHerzienadvies { get; set; }
    /// <summary>Parents' wish.</summary>
    [BindProperty] public string? Wensouders { get; set; }
    /// <summary>Argumentation.</summary>
    [BindProperty] public string? Argumentatie { get; set; }
    /// <summary>Contact needed: "", "ja", "nee".</summary>
    [BindProperty] public string? Contactnodig { get; set; }
    /// <summary>Contact person.</summary>
    [BindProperty] public string? Contactpersoon { get; set; }
    /// <summary>Contact phone.</summary>
    [BindProperty] public string? Contacttelefoon { get; set; }
    /// <summary>Contact e-mail.</summary>
    [BindProperty] public string? Contactemail { get; set; }
    /// <summary>Points of attention.</summary>
    [BindProperty] public string? Aandachtspunten { get; set; }

    // section: onderwijsondersteuning
    /// <summary>Medication relevant to learning: "", "ja", "nee".</summary>
    [BindProperty] public string? Medicijngebruik { get; set; }
    /// <summary>Notes on educational needs.</summary>
    [BindProperty] public string? Onderwijsbehoeften { get; set; }

    // section: verzuim
    /// <summary>Authorised absence (PO: dagdelen; VO: uren).</summary>
    [BindProperty] public string? Geoorloofd { get; set; }
    /// <summary>Unauthorised absence.</summary>
    [BindProperty] public string? Ongeoorloofd { get; set; }
    /// <summary>How often unauthorised absence was registered.</summary>
    [BindProperty] public string? Frequentie { get; set; }
    /// <summary>More than 25 % of the time: "", "ja", "nee".</summary>
    [BindProperty] public string? Meerdan25 { get; set; }
    /// <summary>Contact with the leerplichtambtenaar: "", "ja", "nee".</summary>
    [BindProperty] public string? Leerplicht { get; set; }
    /// <summary>Reported to the RMC: "", "ja", "nee".</summary>
    [BindProperty] public string? Rmc { get; set; }

    // section: bijlagen
    /// <summary>The uploaded file.</summary>
    [BindProperty] public IFormFile? Bestand { get; set; }
    /// <summary>Its description.</summary>
    [BindProperty] public string? Omschrijving { get; set; }

    /// <inheritdoc />
    protected override string Titel => "Dossier wijzigen";

    /// <summary>When the draft was last changed as the page showed it (UTC ticks): a save over a newer draft is stopped.</summary>
    [BindProperty] public long Versie { get; set; }

    /// <summary>Shows the form with the draft's values.</summary>
    public async Task<IActionResult> OnGetAsync() => await LoadAsync(keepPosted: false) ? Page() : NotFound();

    /// <summary>
    /// Saves every section at once — the page is one form, so text typed in one section is never lost by saving another —
    /// with the attachment chosen, if any. Nothing is saved while any field is wrong (the typed values stay on the page),
    /// nor when the draft changed since the page was opened (the LAS or a colleague): then the page says so and keeps
    /// what was typed. <paramref name="sectie"/> is the section whose button was pressed: the confirmation shows there.
    /// </summary>
    public async Task<IActionResult> OnPostOpslaanAsync(string? sectie) => await SaveAllAsync(Section(sectie), null);

    /// <summary>Saves every section (as <see cref="OnPostOpslaanAsync"/>) and removes an attachment.</summary>
    public async Task<IActionResult> OnPostBijlageVerwijderenAsync(int index) =>
        await SaveAllAsync("bijlagen", l => index >= 0 && index < l.Overigdocumentlijst.Count && l.Overigdocumentlijst[index].Bestandsnaam == Request.Form["bijlagenaam-" + index]
            ? l with { Overigdocumentlijst = l.Overigdocumentlijst.Where((_, i) => i != index).ToList() }
            : l);

    private async Task<IActionResult> SaveAllAsync(string section, Func<Leerling, Leerling>? extra)
    {
        var changes = new List<Func<Leerling, Leerling>> { ChangeLeerling(), ChangeAdvies(), ChangeOndersteuning(), ChangeVerzuim() };
        if (await UploadAsync() is { } attachment) changes.Add(l => l with { Overigdocumentlijst = [.. l.Overigdocumentlijst, attachment] });
        if (extra is not null) changes.Add(extra);
        if (!Errors.None) return await LoadAsync(keepPosted: true) ? Page() : NotFound();
        var current = await overview.CurrentDraftAsync(Brin, Id, HttpContext.RequestAborted);
        if (current is null) return NotFound();
        if (current.Value.UtcTicks != Versie)
        {
            Errors.Add("opslaan-" + section, "Het dossier is gewijzigd sinds u deze pagina opende (door het LAS of een collega). Uw invoer staat hieronder nog: "
                + "controleer die tegen de meldingen en sla opnieuw op.", "Opslaan");
            if (!await LoadAsync(keepPosted: true)) return NotFound();
            Versie = current.Value.UtcTicks; // a second save (after checking) goes through
            return Page();
        }
        var report = await bron.UpdateDraftAsync(Brin, Id, d => d with
        {
            Huidigeschool = d.Huidigeschool with { Leerling = changes.Aggregate(d.Huidigeschool.Leerling, (l, change) => change(l)) },
        }, "alles", Staff.Actor, HttpContext.RequestAborted);
        if (report is null) return NotFound();
        return NaarBericht($"/dossiers/{Id}/bewerken", section, "Opgeslagen. " + Summary(report));
    }

    private static string Section(string? sectie) => sectie is "leerling" or "advies" or "ondersteuning" or "verzuim" or "bijlagen" ? sectie : "leerling";

    private Func<Leerling, Leerling> ChangeLeerling()
    {
        if (string.IsNullOrWhiteSpace(Achternaam)) Errors.Add("achternaam", "Vul de achternaam in.", "Achternaam");
        DateOnly? geboren = null;
        if (!string.IsNullOrWhiteSpace(Geboortedatum))
        {
            if (!Dutch.TryParseIsoDate(Geboortedatum, out var g)) Errors.Add("geboortedatum", "Vul een geldige geboortedatum in.", "Geboortedatum");
            else if (g > DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime)) Errors.Add("geboortedatum", "De geboortedatum ligt in de toekomst.", "Geboortedatum");
            else geboren = g;
        }
        if (!string.IsNullOrEmpty(Geslacht) && !Oso.Dossier.Codes.Geslacht.Definition.Contains(Geslacht)) Errors.Add("geslacht", "Kies een geslacht uit de lijst.", "Geslacht");
        return l => l with
        {
            Roepnaam = Clean(Roepnaam), Voorvoegsel = Clean(Voorvoegsel), Achternaam = Achternaam!.Trim(), Geboortedatum = geboren,
            Geslacht = CodeOf<Geslacht>(Geslacht),
        };
    }

    private Func<Leerling, Leerling> ChangeAdvies()
    {
        foreach (var (field, value, label) in new[] { ("advies-code", Advies, "Schooladvies"), ("herzienadvies", Herzienadvies, "Herzien advies"), ("wensouders", Wensouders, "Advies volgens de ouders") })
            if (!string.IsNullOrEmpty(value) && !AdviesVo.Definition.Contains(value)) Errors.Add(field, "Kies een advies uit de lijst.", label);
        if (!string.IsNullOrEmpty(Herzienadvies) && string.IsNullOrWhiteSpace(MotivatieHerzienadvies))
            Errors.Add("motivatieherzienadvies", "Geef bij een herzien advies de motivatie (bijvoorbeeld ‘Resultaten van de doorstroomtoets’).", "Motivatie van het herziene advies");
        if (!string.IsNullOrWhiteSpace(Contactemail) && !Oso.School.Staff.StaffAccounts.IsEmail(Contactemail.Trim()))
            Errors.Add("contactemail", "Vul een geldig e-mailadres in.", "E-mail van de contactpersoon");
        return l =>
        {
            var advies = (l.Overstapadvies ?? new Overstapadvies()) with
            {
                Advies = CodeOf<AdviesVo>(Advies), Herzienadvies = CodeOf<AdviesVo>(Herzienadvies), MotivatieHerzienadvies = Clean(MotivatieHerzienadvies),
                Wensouders = CodeOf<AdviesVo>(Wensouders), Argumentatie = Clean(Argumentatie), Contactnodig = YesNo(Contactnodig),
                Contactpersoon = Clean(Contactpersoon), Contacttelefoon = Clean(Contacttelefoon), Contactemail = Clean(Contactemail), Aandachtspunten = Clean(Aandachtspunten),
            };
            return l with { Overstapadvies = advies == new Overstapadvies() ? null : advies };
        };
    }

    private Func<Leerling, Leerling> ChangeOndersteuning()
    {
        if (Onderwijsbehoeften is { Length: > 20_000 }) Errors.Add("onderwijsbehoeften", "De toelichting is te lang (hoogstens 20.000 tekens).", "Toelichting op de onderwijsbehoeften");
        var now = time.GetUtcNow();
        return l =>
        {
            var current = l.Onderwijsondersteuning ?? new Onderwijsondersteuning();
            var note = string.IsNullOrWhiteSpace(Onderwijsbehoeften)
                ? (Attachments.ReadText(current.ToelichtingOnderwijsbehoeften) is null ? current.ToelichtingOnderwijsbehoeften : null) // an uploaded document stays
                : Attachments.ReadText(current.ToelichtingOnderwijsbehoeften) == Onderwijsbehoeften.Trim().ReplaceLineEndings("\n")
                    ? current.ToelichtingOnderwijsbehoeften // unchanged: keep the stored document as it is
                    : Attachments.FromText(ToelichtingBestand, Onderwijsbehoeften.Trim(), "Toelichting onderwijsbehoeften", now);
            var updated = current with { Medicijngebruik = YesNo(Medicijngebruik), ToelichtingOnderwijsbehoeften = note };
            return l with { Onderwijsondersteuning = updated == new Onderwijsondersteuning() ? null : updated };
        };
    }

    private Func<Leerling, Leerling> ChangeVerzuim()
    {
        var geoorloofd = Count(Geoorloofd, "geoorloofd", "Geoorloofd verzuim");
        var ongeoorloofd = Count(Ongeoorloofd, "ongeoorloofd", "Ongeoorloofd verzuim");
        var frequentie = Count(Frequentie, "frequentie", "Hoe vaak ongeoorloofd verzuim is geregistreerd");
        var vo = Sector == "VO";
        return l =>
        {
            var current = l.Verzuim ?? new Verzuim();
            var updated = (vo
                    ? current with { Urengeoorloofd = geoorloofd, Urenongeoorloofd = ongeoorloofd }
                    : current with { Dagdelengeoorloofd = geoorloofd, Dagdelenongeoorloofd = ongeoorloofd })
                with { Frequentie = frequentie, Meerdan25percent = YesNo(Meerdan25), Contactleerplicht = YesNo(Leerplicht), Rmcmelding = YesNo(Rmc) };
            return l with { Verzuim = updated == new Verzuim() ? null : updated };
        };
    }

    /// <summary>The attachment chosen in the form, checked; null when none was chosen (or it was refused: then an error says why).</summary>
    private async Task<Document?> UploadAsync()
    {
        if (Bestand is null || Bestand.Length == 0)
        {
            if (!string.IsNullOrWhiteSpace(Omschrijving)) Errors.Add("bestand", "Kies het bestand bij deze omschrijving, of maak de omschrijving leeg.", "Bestand");
            return null;
        }
        if (Bestand.Length > Attachments.MaxBytes)
        {
            Errors.Add("bestand", "Het bestand is groter dan 10 MB.", "Bestand");
            return null;
        }
        using var buffer = new MemoryStream();
        await Bestand.CopyToAsync(buffer, HttpContext.RequestAborted);
        var (made, error) = Attachments.FromUpload(Bestand.FileName, buffer.ToArray(), Omschrijving, time.GetUtcNow());
        if (error is not null) Errors.Add("bestand", error, "Bestand");
        return made;
    }

    /// <summary>The code list values for a select.</summary>
    public static IReadOnlyList<CodeValue> AdviesCodes => AdviesVo.Definition.Values;

    private static string Summary(ValidationReport report) => report.Fouten switch
    {
        0 => "Het dossier voldoet aan de officiële standaard.",
        1 => "Het dossier heeft nog 1 fout; zie de meldingen.",
        var n => $"Het dossier heeft nog {n} fouten; zie de meldingen.",
    };

    private async Task<bool> LoadAsync(bool keepPosted)
    {
        var detail = await overview.PupilAsync(Brin, Id, Staff.Actor, HttpContext.RequestAborted);
        if (detail is null) return false;
        Detail = detail;
        ViewData["Title"] = "Dossier van " + Naam + " wijzigen";
        var l = detail.Dossier.Huidigeschool.Leerling;
        if (!keepPosted) Versie = detail.Row.Bijgewerkt.UtcTicks;
        if (!keepPosted)
        {
            (Roepnaam, Voorvoegsel, Achternaam) = (l.Roepnaam, l.Voorvoegsel, l.Achternaam);
            Geboortedatum = Dutch.IsoDate(l.Geboortedatum);
            Geslacht = l.Geslacht?.Value;
        }
        if (!keepPosted)
        {
            var a = l.Overstapadvies;
            (Advies, Herzienadvies, MotivatieHerzienadvies, Wensouders) = (a?.Advies?.Value, a?.Herzienadvies?.Value, a?.MotivatieHerzienadvies, a?.Wensouders?.Value);
            (Argumentatie, Contactnodig, Contactpersoon, Contacttelefoon, Contactemail, Aandachtspunten) =
                (a?.Argumentatie, YesNoText(a?.Contactnodig), a?.Contactpersoon, a?.Contacttelefoon, a?.Contactemail, a?.Aandachtspunten);
        }
        var toelichting = l.Onderwijsondersteuning?.ToelichtingOnderwijsbehoeften;
        var text = Attachments.ReadText(toelichting);
        ToelichtingAlsBestand = toelichting is not null && text is null ? toelichting.Bestandsnaam : null;
        if (!keepPosted)
        {
            Medicijngebruik = YesNoText(l.Onderwijsondersteuning?.Medicijngebruik);
            Onderwijsbehoeften = text;
        }
        if (!keepPosted)
        {
            var v = l.Verzuim;
            var vo = Sector == "VO";
            Geoorloofd = Number(vo ? v?.Urengeoorloofd : v?.Dagdelengeoorloofd);
            Ongeoorloofd = Number(vo ? v?.Urenongeoorloofd : v?.Dagdelenongeoorloofd);
            Frequentie = Number(v?.Frequentie);
            (Meerdan25, Leerplicht, Rmc) = (YesNoText(v?.Meerdan25percent), YesNoText(v?.Contactleerplicht), YesNoText(v?.Rmcmelding));
        }
        return true;
    }

    private long? Count(string? text, string field, string label)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= 100_000) return n;
        Errors.Add(field, "Vul een heel getal in (0 of meer), of laat het veld leeg.", label);
        return null;
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static Code<T>? CodeOf<T>(string? value) where T : ICodeList => string.IsNullOrEmpty(value) ? default(Code<T>?) : new Code<T>(value);

    private static bool? YesNo(string? value) => value switch { "ja" => true, "nee" => false, _ => null };

    private static string YesNoText(bool? value) => value switch { true => "ja", false => "nee", _ => "" };

    private static string Number(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";
}
