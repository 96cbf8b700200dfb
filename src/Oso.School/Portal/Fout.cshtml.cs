using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Oso.School.Portal;

/// <summary>Error pages in Dutch (status codes re-executed here; a failed form post arrives as a POST, hence both handlers).</summary>
[IgnoreAntiforgeryToken]
public sealed class FoutModel : PageModel
{
    /// <summary>The heading.</summary>
    public string Kop { get; private set; } = "";

    /// <summary>What happened and what to do.</summary>
    public string Uitleg { get; private set; } = "";

    /// <summary>Shows the error.</summary>
    public void OnGet(int code)
    {
        (Kop, Uitleg) = code switch
        {
            400 => ("Het formulier kon niet worden verwerkt",
                "Dat gebeurt als een formulier te lang open stond, al eens was verstuurd, of als u intussen opnieuw bent ingelogd. Ga terug, laad de pagina opnieuw en probeer het nog eens."),
            403 => ("Geen toegang", "U heeft geen toegang tot deze pagina. Bent u medewerker, meld u dan aan met een account dat bij deze school hoort."),
            404 => ("Pagina niet gevonden", "Deze pagina bestaat niet (meer). Controleer het adres, of ga naar de startpagina."),
            413 => ("Het bestand is te groot", "Een bijlage mag hoogstens 10 MB zijn."),
            _ => ("Er ging iets mis", "Er ging iets mis op de server. Probeer het later opnieuw; blijft het misgaan, neem dan contact op met de beheerder."),
        };
        PortalLayout.Plain(ViewData, Kop);
    }

    /// <summary>Shows the error after a POST.</summary>
    public void OnPost(int code) => OnGet(code);
}
