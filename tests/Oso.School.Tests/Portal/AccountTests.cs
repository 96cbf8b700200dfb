using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Oso.Hosting.Accounts;
using Oso.Hosting.Storage;
using Oso.School.Staff;
using Oso.School.Storage;
using Oso.Testing;
using DatabaseProvider = Oso.Testing.DatabaseProvider;

namespace Oso.School.Tests.Portal;

/// <summary>
/// Staff accounts on the node: recovery codes (shown once, each usable once), a reset of two-step verification only
/// after an identity check (in the school's audit log), secrets encrypted at rest in private files, rate-limited
/// sign-in, and sign-in timing that does not tell which addresses have accounts.
/// </summary>
public sealed class AccountTests(ITestOutputHelper output)
{
    private static FakeTimeProvider Clock() => new(new DateTimeOffset(2027, 3, 22, 7, 30, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_recovery_code_signs_in_once_when_the_phone_is_gone()
    {
        var time = Clock();
        await using var node = await PortalNode.StartAsync(DatabaseProvider.Sqlite, time);
        using (var first = node.Client()) await node.SignInAsync(first, PortalNode.PoMedewerker);
        var codes = node.RecoveryCodes(PortalNode.PoMedewerker);
        Assert.Equal(10, codes.Distinct().Count());

        using var client = node.Client();
        await client.SignInWithPasswordAsync(PortalNode.PoMedewerker, PortalNode.Password);
        var page = await client.GetAsync("/inloggen/code?herstel=true");
        Assert.Contains("Inloggen met een herstelcode", page.Html, StringComparison.Ordinal);
        var signedIn = await client.PostAsync("/inloggen/code", page.Html, new() { ["herstel"] = "true", ["herstelcode"] = codes[3].ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal) });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.Status);
        var school = await client.GetAsync($"/scholen/{PortalNode.Po}");
        Assert.Equal(HttpStatusCode.OK, school.Status);
        Assert.Contains("u heeft er nog 9", school.Html, StringComparison.Ordinal);

        using var again = node.Client();
        await again.SignInWithPasswordAsync(PortalNode.PoMedewerker, PortalNode.Password);
        var form = (await again.GetAsync("/inloggen/code?herstel=true")).Html;
        var reused = await again.PostAsync("/inloggen/code", form, new() { ["herstel"] = "true", ["herstelcode"] = codes[3] });
        Assert.Equal(HttpStatusCode.OK, reused.Status);
        Assert.Contains("al gebruikt", PortalClient.FieldErrors(reused.Html).Single(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await again.GetAsync($"/scholen/{PortalNode.Po}")).Status);
    }

    [Fact]
    public async Task The_beheerder_resets_two_step_verification_only_with_the_identity_check_in_the_audit_log()
    {
        var time = Clock();
        await using var node = await PortalNode.StartAsync(DatabaseProvider.Sqlite, time);
        using var medewerker = node.Client();
        using var beheerder = node.Client();
        await node.SignInAsync(medewerker, PortalNode.PoMedewerker);
        await node.SignInAsync(beheerder, PortalNode.PoBeheerder);
        var id = await node.UserIdAsync(PortalNode.PoMedewerker);

        var page = await beheerder.GetAsync($"/scholen/{PortalNode.Po}/medewerkers?herstel={id}");
        Assert.Contains("Hoe heeft u de identiteit gecontroleerd?", page.Html, StringComparison.Ordinal);
        var refused = await beheerder.PostAsync($"/scholen/{PortalNode.Po}/medewerkers?handler=tweestaps", page.Html, new() { ["gebruiker"] = id, ["toelichting"] = "gebeld" });
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains("Kies hoe u de identiteit heeft gecontroleerd.", PortalClient.FieldErrors(refused.Html));
        Assert.Equal(HttpStatusCode.OK, (await medewerker.GetAsync($"/scholen/{PortalNode.Po}")).Status);

        var reset = await beheerder.PostAsync($"/scholen/{PortalNode.Po}/medewerkers?handler=tweestaps", page.Html,
            new() { ["gebruiker"] = id, ["identiteit"] = "teruggebeld", ["toelichting"] = "Teruggebeld op het nummer uit de personeelsadministratie." });
        Assert.Equal(HttpStatusCode.Redirect, reset.Status);

        // the staff member's session ended (new security stamp, checked every minute), and the next sign-in sets up a new key
        time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.Redirect, (await medewerker.GetAsync($"/scholen/{PortalNode.Po}")).Status);
        using var next = node.Client();
        Assert.Contains("Tweestapsverificatie instellen", await next.SignInWithPasswordAsync(PortalNode.PoMedewerker, PortalNode.Password), StringComparison.Ordinal);
        var users = node.Get<IServiceScopeFactory>().CreateScope().ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        Assert.Equal(0, await users.CountRecoveryCodesAsync((await users.FindByIdAsync(id))!));

        await using var db = node.Get<SchoolStore>().Read();
        var entry = await db.Audit.AsNoTracking().SingleAsync(a => a.Brin == PortalNode.Po && a.Action == "medewerker.tweestaps-hersteld");
        Assert.Equal($"gebruiker={id};identiteit gecontroleerd: teruggebeld; Teruggebeld op het nummer uit de personeelsadministratie.", entry.Detail);
        Assert.Equal(await node.UserIdAsync(PortalNode.PoBeheerder), entry.Actor);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Authenticator_keys_and_recovery_codes_are_not_stored_in_plain_text(DatabaseProvider engine)
    {
        await using var node = await PortalNode.StartAsync(engine, Clock());
        using var client = node.Client();
        await node.SignInAsync(client, PortalNode.PoMedewerker);

        var stored = await node.DatabaseTextAsync();
        Assert.DoesNotContain(node.TotpKey(PortalNode.PoMedewerker), stored, StringComparison.Ordinal);
        Assert.All(node.RecoveryCodes(PortalNode.PoMedewerker), code => Assert.DoesNotContain(code, stored, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_key_stored_in_plain_text_by_an_older_version_is_encrypted_at_start_and_still_works()
    {
        await using var node = await PortalNode.StartAsync(DatabaseProvider.Sqlite, Clock());
        var id = await node.UserIdAsync(PortalNode.PoMedewerker);
        await node.Get<SchoolStore>().WriteAsync(async db =>
        {
            db.UserTokens.Add(new IdentityUserToken<string> { UserId = id, LoginProvider = "[AspNetUserStore]", Name = "AuthenticatorKey", Value = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP" });
            await db.SaveChangesAsync();
        });

        await using (var db = node.Get<SchoolStore>().Read())
            Assert.Equal(1, await node.Get<AuthenticatorSecrets>().MigrateAsync(db));

        await using (var db = node.Get<SchoolStore>().Read())
            Assert.StartsWith("dp1:", (await db.UserTokens.SingleAsync(t => t.UserId == id && t.Name == "AuthenticatorKey")).Value, StringComparison.Ordinal);
        using var scope = node.Get<IServiceScopeFactory>().CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        Assert.Equal("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", await users.GetAuthenticatorKeyAsync((await users.FindByIdAsync(id))!));
    }

    [Fact]
    public async Task The_node_s_data_directory_is_private_from_creation_on()
    {
        if (OperatingSystem.IsWindows()) Assert.Skip("Unix file modes.");
        var previous = ProcessUmask.Set(0b000_010_010); // 022
        try
        {
            await using var node = await PortalNode.StartAsync(DatabaseProvider.Sqlite, Clock(), o => o with { Database = null });
            using var client = node.Client();
            await node.SignInAsync(client, PortalNode.PoMedewerker);
            var data = node.Node.Services.GetRequiredService<SchoolOptions>().DataDirectory;
            var entries = Directory.EnumerateFileSystemEntries(data, "*", SearchOption.AllDirectories).Append(data).ToList();
            Assert.Contains(entries, e => e.EndsWith("school.db-wal", StringComparison.Ordinal));
            Assert.Empty(DataDirectory.TooWide(data));
            Assert.All(entries.Where(Directory.Exists), d => Assert.Equal((UnixFileMode)0b111_000_000, File.GetUnixFileMode(d)));
        }
        finally
        {
            ProcessUmask.Set(previous);
        }
    }

    [Fact]
    public async Task Too_many_sign_in_attempts_from_one_address_get_429_with_retry_after_and_a_dutch_page()
    {
        await using var node = await PortalNode.StartAsync(DatabaseProvider.Sqlite, Clock(),
            o => o with { RateLimit = new SignInRateLimitOptions { PermitLimit = 3, Window = TimeSpan.FromMinutes(5) } });
        using var client = node.Client();
        var form = (await client.GetAsync("/inloggen")).Html;
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/inloggen", form, new() { ["email"] = "iemand@00yy.test", ["wachtwoord"] = "fout-wachtwoord-" + i })).Status);

        using var response = await client.RawPostAsync("/inloggen", form, new() { ["email"] = PortalNode.PoMedewerker, ["wachtwoord"] = PortalNode.Password });
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.InRange(response.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5));
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"nl\">", html, StringComparison.Ordinal);
        Assert.Contains("Te veel pogingen", html, StringComparison.Ordinal);
        // the code step counts too; reading the page does not
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.PostAsync("/inloggen/code", form, new() { ["code"] = "123456" })).Status);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/inloggen")).Status);
    }

    /// <summary>
    /// Measures (prints, asserts nothing about time): the median of 20 sign-ins with an unknown address and with a known
    /// address and a wrong password, alternating, over HTTPS. docs/security.md ("Accounts") keeps the figures.
    /// </summary>
    [Fact]
    public async Task Sign_in_with_an_unknown_address_costs_what_a_wrong_password_costs()
    {
        await using var node = await PortalNode.StartAsync(DatabaseProvider.Sqlite, Clock());
        var known = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            var email = $"meting{i}@00yy.test";
            Assert.IsType<StaffResult.Added>(await node.Node.Staff.AddAsync(PortalNode.Po, email, "Meting " + i, StaffRol.Medewerker, PortalNode.Password, Oso.School.Audit.Actor.Node));
            known.Add(email);
        }
        using var client = node.Client();
        var form = (await client.GetAsync("/inloggen")).Html;
        async Task<double> TimeAsync(string email)
        {
            var watch = Stopwatch.StartNew();
            var answer = await client.PostAsync("/inloggen", form, new() { ["email"] = email, ["wachtwoord"] = "niet-het-wachtwoord" });
            watch.Stop();
            Assert.Contains("horen niet bij elkaar", PortalClient.FieldErrors(answer.Html).Single(), StringComparison.Ordinal);
            return watch.Elapsed.TotalMilliseconds;
        }
        for (var i = 0; i < 3; i++) await TimeAsync("opwarmen@00yy.test"); // JIT, connection
        var unknown = new List<double>();
        var wrong = new List<double>();
        for (var i = 0; i < 20; i++)
        {
            unknown.Add(await TimeAsync($"onbekend{i}@00yy.test"));
            wrong.Add(await TimeAsync(known[i]));
        }
        var (u, w) = (Median(unknown), Median(wrong));
        output.WriteLine($"School-portaal /inloggen, mediaan van 20: onbekend adres {u:F1} ms, bekend adres met fout wachtwoord {w:F1} ms, verhouding {w / u:F2}");
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return (sorted[(sorted.Count - 1) / 2] + sorted[sorted.Count / 2]) / 2;
    }
}
