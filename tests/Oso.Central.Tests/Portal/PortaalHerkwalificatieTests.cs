using System.Net;
using Oso.Central.Accounts;
using Oso.Central.Qualification;
using Oso.Central.Tests.Infrastructure;
using static Oso.Central.Tests.Infrastructure.Tc;

namespace Oso.Central.Tests.Portal;

/// <summary>Mijn OSO over the life of a qualification: qualified until a date, warned before it, expired after it. Moves the clock, so it has its own Central.</summary>
public sealed class PortaalHerkwalificatieTests(SqliteCentral f) : IClassFixture<SqliteCentral>, IDisposable
{
    private const string Wachtwoord = "correct paard batterij nietje";
    private readonly Parties _parties = new(f);

    [Fact]
    public async Task Mijn_oso_shows_until_when_the_school_is_qualified_warns_before_it_expires_and_says_when_it_has()
    {
        var school = await _parties.SchoolAsync(await _parties.SystemAsync());
        var email = $"school-{Guid.NewGuid():N}@portaal.example";
        _ = (await f.Admin.AddUserAsync(new NieuweGebruiker(email, "Contact", Wachtwoord, Rol.School, school.Brin), Ct)).Zeker;
        using var c = PortaalClient.For(f);
        await c.InloggenAsync(email, Wachtwoord);

        var (_, html, _) = await c.GetAsync("/mijn-oso");
        Assert.Contains("Gekwalificeerd tot", html);
        Assert.DoesNotContain("Herkwalificatie nodig", html);

        // 30 days before the end: the warning, and the checklist asks for new evidence (a new sign-in: the session has long expired)
        f.Time.Advance(Handboek.Geldigheid - TimeSpan.FromDays(30));
        Assert.Equal(HttpStatusCode.Redirect, (await c.GetAsync("/mijn-oso")).Status);
        await c.InloggenAsync(email, Wachtwoord);
        (_, html, _) = await c.GetAsync("/mijn-oso");
        Assert.Contains("verloopt binnenkort", html);
        Assert.Contains("Herkwalificatie nodig", html);
        (_, html, _) = await c.GetAsync("/mijn-oso/kwalificatie");
        Assert.Contains("Goedgekeurd, verloopt binnenkort", html);
        Assert.Contains("Bewijs indienen", html);
        (_, html, _) = await c.GetAsync("/mijn-oso/kwalificatie/datalekken");
        Assert.Contains("Verklaring indienen", html);

        // after the end date
        f.Time.Advance(TimeSpan.FromDays(31));
        await c.InloggenAsync(email, Wachtwoord);
        (_, html, _) = await c.GetAsync("/mijn-oso");
        Assert.Contains("Kwalificatie verlopen op", html);
        Assert.Contains("Uw kwalificatie is verlopen", html);
    }

    public void Dispose() => _parties.Dispose();
}
