using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Oso.School.Portal;

namespace Oso.School.Parents;

/// <summary>
/// Where the parents' link lands (<c>/ouders#code=…</c>): a small script hands the code from the fragment to this form,
/// or parents paste it. A good code starts a short session and leads to the dossier; the code is not needed again.
/// </summary>
public sealed class OpenenModel(ParentLinks links, ParentSession session) : PageModel
{
    /// <summary>The code from the mail.</summary>
    [BindProperty]
    public string? Code { get; set; }

    /// <summary>Just signed out.</summary>
    [BindProperty(SupportsGet = true, Name = "afgemeld")]
    public bool Afgemeld { get; set; }

    /// <summary>A session is open already.</summary>
    public bool HeeftSessie { get; private set; }

    /// <summary>Errors.</summary>
    public FormErrors Errors { get; } = new();

    /// <summary>Shows the form.</summary>
    public void OnGet()
    {
        PortalLayout.Plain(ViewData, "Het overstapdossier van uw kind", site: PortalLayout.ParentSite);
        HeeftSessie = session.Current(HttpContext) is not null;
    }

    /// <summary>Opens the link.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        PortalLayout.Plain(ViewData, "Het overstapdossier van uw kind", site: PortalLayout.ParentSite);
        Afgemeld = false;
        switch (await links.OpenAsync(Code, HttpContext.RequestAborted))
        {
            case OpenResult.Opened opened:
                session.Start(HttpContext, opened.LinkId, opened.ExpiresAt);
                return Redirect("/ouders/dossier");
            case OpenResult.Expired:
                Errors.Add("code", "Deze link is verlopen of ingetrokken. Vraag de school om een nieuwe link.");
                break;
            default:
                Errors.Add("code", string.IsNullOrWhiteSpace(Code)
                    ? "Vul de toegangscode uit de e-mail in."
                    : "Deze code klopt niet. Gebruik de hele link of de hele toegangscode uit de e-mail.");
                break;
        }
        return Page();
    }
}
