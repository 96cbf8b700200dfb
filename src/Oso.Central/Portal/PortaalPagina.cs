using System.Collections;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using Oso.Central.Accounts;

namespace Oso.Central.Portal;

/// <summary>What every portal page has: the person (checked by <see cref="ToegangFilter"/>), the frame's navigation, errors and messages.</summary>
internal abstract class PortaalPagina : PageModel
{
    /// <summary>The site name in the frame.</summary>
    public const string Site = "OSO Central";

    /// <summary>Errors of the last form post, in the order of the form.</summary>
    public Foutmeldingen Fouten { get; } = new();

    /// <summary>A message after a redirect (<see cref="Meldingen"/>).</summary>
    [BindProperty(SupportsGet = true, Name = "melding")]
    public string? MeldingCode { get; set; }

    public Melding? Melding => Meldingen.Van(MeldingCode);

    /// <summary>The signed-in person (set before the page runs; null on public pages without a session).</summary>
    public PortaalGebruiker? Gebruiker => PortaalAanmelding.Bekende(HttpContext);

    /// <summary>The person on a page for signed-in people only.</summary>
    protected PortaalGebruiker Ik => Gebruiker ?? throw new InvalidOperationException("Deze pagina is alleen voor aangemelde gebruikers.");

    /// <summary>The scope (BRIN, board id or system id) of the person on a role page.</summary>
    protected string Scope => Ik.Scope ?? throw new InvalidOperationException("Dit account hoort niet bij een school, bestuur of systeem.");

    /// <summary>The operations, audited under the signed-in person.</summary>
    /// <summary>Board names by id (filled by <see cref="LaadBesturenAsync"/>), for lists that name a board.</summary>
    public IReadOnlyDictionary<string, string> Besturen { get; private set; } = new Dictionary<string, string>();

    /// <summary>A board for people: "Stichting Primo (40001)", or the id when the name is unknown.</summary>
    public string Bestuur(string? id) => id is null ? "—" : Besturen.TryGetValue(id, out var naam) ? $"{naam} ({id})" : id;

    /// <summary>Loads the board names.</summary>
    protected async Task LaadBesturenAsync() => Besturen = await Admin.BoardNamesAsync(Ct);

    protected CentralAdmin Admin => HttpContext.RequestServices.GetRequiredService<CentralAdmin>().Als(Gebruiker?.Email ?? "portaal");

    protected DateTimeOffset Nu => HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();

    protected CancellationToken Ct => HttpContext.RequestAborted;

    /// <summary>The page title; "Fout: …" when the form has errors, so a screen reader hears it first.</summary>
    public string Titel(string titel) => Fouten.Any ? "Fout: " + titel : titel;

    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        ViewData["Site"] = Site;
        var g = Gebruiker is { MetTweestaps: true } ? Gebruiker : null;
        ViewData["Nav"] = Navigatie(g);
        if (g is not null) ViewData["User"] = $"{g.Naam} ({Teksten.Rol(g.Rol, g.Scope)})";
    }

    /// <summary>Redirects to <paramref name="pad"/> with a message.</summary>
    protected RedirectResult MetMelding(string pad, string melding) => Redirect(pad + (pad.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "melding=" + melding);

    /// <summary>The page in its "not found" state (HTTP 404, Dutch text).</summary>
    protected PageResult NietGevonden(string tekst)
    {
        NietGevondenTekst = tekst;
        Response.StatusCode = 404;
        return Page();
    }

    /// <summary>Set when the page answers 404.</summary>
    public string? NietGevondenTekst { get; private set; }

    private static IReadOnlyList<(string Href, string Text)> Navigatie(PortaalGebruiker? g) => g?.Rol switch
    {
        null => [("/", "Home"), ("/scholen", "Gekwalificeerde scholen"), ("/aanmelden", "Account aanvragen"), ("/inloggen", "Inloggen")],
        Rol.School => [("/mijn-oso", "Mijn OSO"), ("/mijn-oso/kwalificatie", "Kwalificatie"), ("/mijn-oso/aansluiting", "Mandaten en aanleverpunten"),
            ("/mijn-oso/overdrachten", "Overdrachten"), ("/uitloggen", "Uitloggen")],
        Rol.Bestuur => [("/bestuur", "Scholen en mandaten"), ("/scholen", "Gekwalificeerde scholen"), ("/uitloggen", "Uitloggen")],
        Rol.Leverancier => [("/leverancier", "Systeem"), ("/scholen", "Gekwalificeerde scholen"), ("/uitloggen", "Uitloggen")],
        _ => [("/beheer", "Overzicht"), ("/beheer/accounts", "Accounts"), ("/beheer/bewijzen", "Bewijsstukken"), ("/beheer/scholen", "Scholen"),
            ("/beheer/systemen", "Systemen"), ("/beheer/sessies", "Servicedesk"), ("/uitloggen", "Uitloggen")],
    };
}

/// <summary>One error: the field it belongs to (its id, for the link in the summary) or null for the form as a whole.</summary>
internal sealed record Foutmelding(string? Veld, string Tekst);

/// <summary>The errors of a form, in order.</summary>
internal sealed class Foutmeldingen : IEnumerable<Foutmelding>
{
    private readonly List<Foutmelding> _lijst = [];

    public bool Any => _lijst.Count > 0;

    public void Add(string? veld, string tekst) => _lijst.Add(new Foutmelding(veld, tekst));

    /// <summary>The first error of a field, or null.</summary>
    public string? Voor(string veld) => _lijst.FirstOrDefault(f => f.Veld == veld)?.Tekst;

    public IEnumerator<Foutmelding> GetEnumerator() => _lijst.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
