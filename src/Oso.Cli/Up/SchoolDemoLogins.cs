using Oso.School;
using Oso.School.Audit;
using Oso.School.Bron;
using Oso.School.Parents;
using Oso.School.Staff;
using Microsoft.Extensions.DependencyInjection;

namespace Oso.Cli.Up;

/// <summary>
/// The demo staff of the School portal (a beheerder and a medewerker for each demo school; two-factor authentication is
/// set up at the first sign-in) and a demo parents' link, made afresh at every start because only its hash is kept.
/// </summary>
internal static class SchoolDemoLogins
{
    public const string Portal = "School-portaal";

    /// <summary>The LAS number of the demo pupil whose parents get the demo link (the first pupil not yet seen by parents).</summary>
    public const string ParentLinkPupil = "LL1007";

    private const string DemoParent = "ouder@openoso.demo";

    private static readonly (string Brin, string Email, string Naam, StaffRol Rol)[] Accounts =
    [
        (DemoSchools.Po.Brin, "po-beheerder@openoso.demo", "Demo-beheerder 91PO", StaffRol.Beheerder),
        (DemoSchools.Po.Brin, "po-medewerker@openoso.demo", "Demo-medewerker 91PO", StaffRol.Medewerker),
        (DemoSchools.Vo.Brin, "vo-beheerder@openoso.demo", "Demo-beheerder 92VO", StaffRol.Beheerder),
        (DemoSchools.Vo.Brin, "vo-medewerker@openoso.demo", "Demo-medewerker 92VO", StaffRol.Medewerker),
    ];

    /// <summary>Creates the demo staff that do not exist yet; returns every demo staff login.</summary>
    public static async Task<IReadOnlyList<DemoLogin>> EnsureAsync(SchoolNode node, CancellationToken ct)
    {
        var logins = new List<DemoLogin>();
        foreach (var (brin, email, naam, rol) in Accounts)
        {
            if (await node.Staff.FindAsync(email, ct).ConfigureAwait(false) is null)
            {
                var added = await node.Staff.AddAsync(brin, email, naam, rol, DemoLogins.Password, Actor.Node, ct).ConfigureAwait(false);
                if (added is not StaffResult.Added) throw new InvalidOperationException($"Demo-medewerker {email} niet aangemaakt: {added}");
            }
            logins.Add(new DemoLogin($"{(rol == StaffRol.Beheerder ? "Beheerder" : "Medewerker")} {brin}", email, DemoLogins.Password, Portal));
        }
        return logins;
    }

    /// <summary>A new parents' link (not mailed) for the demo pupil, or null when the pupil does not exist.</summary>
    public static async Task<Uri?> ParentLinkAsync(SchoolNode node, CancellationToken ct)
    {
        var bron = node.Services.GetRequiredService<BronDossiers>();
        var pupil = await bron.FindPupilAsync(DemoSchools.Po.Brin, ParentLinkPupil, ct).ConfigureAwait(false)
            ?? await bron.FindPupilAsync(DemoSchools.Po.Brin, "LL1000", ct).ConfigureAwait(false);
        if (pupil is null) return null;
        var links = node.Services.GetRequiredService<ParentLinks>();
        foreach (var earlier in await links.ListAsync(DemoSchools.Po.Brin, pupil.Value, ct).ConfigureAwait(false))
            if (earlier.Email == DemoParent && earlier.RevokedAt is null)
                await links.RevokeAsync(DemoSchools.Po.Brin, earlier.Id, Actor.Node, ct).ConfigureAwait(false); // one demo link at a time
        var created = await links.CreateAsync(DemoSchools.Po.Brin, pupil.Value, DemoParent, Actor.Node, mail: false, cancellationToken: ct).ConfigureAwait(false);
        return created is ParentLinkResult.Created { Token: { } token } ? ParentMail.LinkUrl(node.PortalUrl, token) : null;
    }
}
