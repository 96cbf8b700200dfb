using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Oso.School.Portal;

/// <summary>What the shared layout (<c>_OsoLayout</c>) needs: the title, the portal's name, the navigation and the user.</summary>
public static class PortalLayout
{
    /// <summary>The staff portal's name.</summary>
    public const string StaffSite = "School-portaal";

    /// <summary>The parents' page's name.</summary>
    public const string ParentSite = "Overstapdossier voor ouders";

    /// <summary>A staff page of a school.</summary>
    public static void Staff(ViewDataDictionary viewData, string title, StaffContext staff)
    {
        ArgumentNullException.ThrowIfNull(viewData);
        ArgumentNullException.ThrowIfNull(staff);
        viewData["Title"] = title;
        viewData["Site"] = StaffSite;
        viewData["User"] = staff.Naam;
        if (staff.School is not { } school) return;
        var b = "/scholen/" + school.Brin;
        var nav = school.Sector == "SWV"
            ? new List<(string, string)> { (b, "Overzicht"), (b + "/swv", "Swv-dossiers") }
            : new List<(string, string)>
            {
                (b, "Overzicht"), (b + "/dossiers", "Dossiers"), (b + "/verzoeken", "Verzoeken"), (b + "/aanmeldingen", "Aanmeldingen"),
                (b + "/ontvangen", "Ontvangen dossiers"), (b + "/swv", "Samenwerkingsverband"),
            };
        if (staff.Beheerder) nav.Add((b + "/medewerkers", "Medewerkers"));
        viewData["Nav"] = nav;
    }

    /// <summary>A page without a school (login, start, errors).</summary>
    public static void Plain(ViewDataDictionary viewData, string title, string? user = null, string site = StaffSite)
    {
        ArgumentNullException.ThrowIfNull(viewData);
        viewData["Title"] = title;
        viewData["Site"] = site;
        if (user is not null) viewData["User"] = user;
    }
}
