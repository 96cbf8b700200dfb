using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Oso.Hosting.Accounts;
using Oso.School.Portal;

namespace Oso.School.Staff;

/// <summary>The school's staff, for its beheerder: add (with a first password shown once), revoke, reset two-factor authentication.</summary>
[EnableRateLimiting(SignInRateLimits.Policy)]
public sealed class MedewerkersModel(StaffAccounts accounts) : PortalPageModel
{
    /// <summary>New staff member: name.</summary>
    [BindProperty] public string? Naam { get; set; }
    /// <summary>New staff member: e-mail address.</summary>
    [BindProperty] public string? Email { get; set; }
    /// <summary>New staff member: role.</summary>
    [BindProperty] public StaffRol Rol { get; set; }

    /// <summary>Reset two-step verification: the staff member (from the row's link).</summary>
    [BindProperty(SupportsGet = true, Name = "herstel")] public string? Herstel { get; set; }
    /// <summary>Reset: how the identity was checked.</summary>
    [BindProperty] public string? Identiteit { get; set; }
    /// <summary>Reset: what was checked.</summary>
    [BindProperty] public string? Toelichting { get; set; }

    /// <summary>The staff.</summary>
    public IReadOnlyList<StaffInfo> Medewerkers { get; private set; } = [];

    /// <summary>The staff member whose two-step verification is to be reset (when <see cref="Herstel"/> names one of the school).</summary>
    public StaffInfo? HerstelMedewerker => Medewerkers.FirstOrDefault(m => m.UserId == Herstel && m.UserId != Staff.UserId);

    /// <summary>The first password of the account just created.</summary>
    public string? NieuwWachtwoord { get; private set; }

    /// <summary>Who was just added.</summary>
    public string? NieuwNaam { get; private set; }

    /// <inheritdoc />
    protected override bool BeheerderOnly => true;

    /// <inheritdoc />
    protected override string Titel => "Medewerkers";

    /// <summary>Shows the staff.</summary>
    public async Task OnGetAsync() => Medewerkers = await accounts.ListAsync(Brin, HttpContext.RequestAborted);

    /// <summary>Adds a staff member.</summary>
    public async Task<IActionResult> OnPostToevoegenAsync()
    {
        var result = await accounts.AddAsync(Brin, Email ?? "", Naam ?? "", Rol, null, Staff.Actor, HttpContext.RequestAborted);
        switch (result)
        {
            case StaffResult.Added added:
                NieuwWachtwoord = added.InitialPassword;
                NieuwNaam = Naam!.Trim();
                if (added.InitialPassword is null) Bericht = $"{NieuwNaam} had al een account en heeft nu ook toegang tot deze school.";
                (Naam, Email, Rol) = (null, null, StaffRol.Medewerker);
                break;
            case StaffResult.Invalid invalid:
                Errors.Add(invalid.Field ?? "email", invalid.Reason);
                break;
            default:
                return NotFound();
        }
        await OnGetAsync();
        return Page();
    }

    /// <summary>Revokes a staff member's access to this school.</summary>
    public async Task<IActionResult> OnPostVerwijderenAsync(string gebruiker)
    {
        if (gebruiker == Staff.UserId) return BadRequest();
        var result = await accounts.RemoveAsync(Brin, gebruiker, Staff.Actor, HttpContext.RequestAborted);
        if (result is StaffResult.Invalid invalid)
        {
            Errors.Add("naam", invalid.Reason);
            await OnGetAsync();
            return Page();
        }
        Bericht = "De toegang is ingetrokken.";
        return Naar("/medewerkers");
    }

    /// <summary>Saves who gets which mail (one form for every staff member).</summary>
    public async Task<IActionResult> OnPostMailAsync()
    {
        var form = Request.Form;
        foreach (var m in await accounts.ListAsync(Brin, HttpContext.RequestAborted))
        {
            var events = MailKeuzes.Where(k => form[$"mail-{k.Waarde}-{m.UserId}"] == "true").Aggregate(StaffMailEvents.Geen, (a, k) => a | k.Waarde);
            await accounts.SetMailAsync(Brin, m.UserId, events, form["overzicht-" + m.UserId] == "true", Staff.Actor, HttpContext.RequestAborted);
        }
        return NaarBericht("/medewerkers", "mail", "De instellingen voor e-mailberichten zijn opgeslagen.");
    }

    /// <summary>The mail a staff member can get, in words.</summary>
    public static IReadOnlyList<(StaffMailEvents Waarde, string Tekst)> MailKeuzes { get; } =
    [
        (StaffMailEvents.Verzoek, "een school vraagt een dossier op dat nog niet is vrijgegeven"),
        (StaffMailEvents.Reactie, "ouders reageren op een dossier"),
        (StaffMailEvents.Ontvangen, "een opgevraagd dossier komt binnen (of niet)"),
    ];

    /// <summary>
    /// Turns a staff member's two-factor authentication off after the beheerder checked their identity (recorded in the
    /// school's audit log): they set it up again at their next sign-in.
    /// </summary>
    public async Task<IActionResult> OnPostTweestapsAsync(string gebruiker)
    {
        if (gebruiker == Staff.UserId) return BadRequest();
        var (check, field, error) = IdentityCheck.Parse(Identiteit, Toelichting);
        if (check is null)
        {
            Errors.Add(field!, error!);
            Herstel = gebruiker;
            await OnGetAsync();
            return HerstelMedewerker is null ? NotFound() : Page();
        }
        if (await accounts.ResetTwoFactorAsync(Brin, gebruiker, check, Staff.Actor, HttpContext.RequestAborted) is not StaffResult.Added) return NotFound();
        Bericht = "Bij de volgende aanmelding stelt deze medewerker de tweestapsverificatie opnieuw in. Open sessies en herstelcodes zijn vervallen.";
        return Naar("/medewerkers");
    }
}
