using Microsoft.AspNetCore.Mvc;

namespace Oso.Central.Portal.Account;

/// <summary>Where a signed-in person lands who opened a page of another role (HTTP 403).</summary>
[Voor(Toegang.Iedereen)]
internal sealed class GeenToegangModel : PortaalPagina
{
    public IActionResult OnGet()
    {
        Response.StatusCode = 403;
        return Page();
    }
}
