using System.Net;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Oso.School.Storage;
using Oso.School.Tests.Portal;
using DatabaseProvider = Oso.Testing.DatabaseProvider;

namespace Oso.School.Tests.Cluster;

/// <summary>
/// Two instances of the node on one PostgreSQL database, each with its own data directory holding only a copy of the
/// secrets (master key, key-encryption certificate), as behind a load balancer: a staff member signed in on one is
/// signed in on the other, a form from one posts to the other, and the keys in the database are encrypted.
/// </summary>
public sealed class TwoInstancesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_sign_in_and_a_form_token_from_one_instance_hold_on_the_other()
    {
        await using var first = await PortalNode.StartAsync(DatabaseProvider.Postgres);
        var pupil = await first.DeliverAsync(PortalNode.Po, "geen-inzage");
        using var browser = first.Client();
        await first.SignInAsync(browser, PortalNode.PoMedewerker);
        var page = await browser.GetAsync($"/scholen/{PortalNode.Po}/dossiers/{pupil}");
        Assert.Equal(HttpStatusCode.OK, page.Status);

        var secondData = CopySecrets(first.Options.DataDirectory);
        try
        {
            await using var second = await SchoolNode.StartAsync(first.Options with { DataDirectory = secondData }, cancellationToken: Ct);
            // the data directory has no key files: the keys come from the database
            Assert.Empty(Directory.GetFiles(Path.Combine(secondData, "keys"), "key-*.xml"));
            using var sameBrowser = new PortalClient(second.PortalUrl, browser.Cookies);
            var there = await sameBrowser.GetAsync($"/scholen/{PortalNode.Po}/dossiers/{pupil}");
            Assert.Equal(HttpStatusCode.OK, there.Status);
            Assert.Contains("Aangemeld als Test medewerker", there.Html, StringComparison.Ordinal);
            Assert.Contains("Overstapdossier van Tess Meijer", there.Html, StringComparison.Ordinal); // decrypted there too

            // the form from the first instance, posted to the second
            var inzage = new Dictionary<string, string> { ["inzagedatum"] = PortalNode.Today.ToString("yyyy-MM-dd"), ["akkoord"] = "Ja" };
            var recorded = await sameBrowser.PostAsync($"/scholen/{PortalNode.Po}/dossiers/{pupil}?handler=inzage", page.Html, inzage);
            Assert.Equal(HttpStatusCode.Redirect, recorded.Status);
            await using (var db = first.Get<SchoolStore>().Read())
                Assert.True(await db.Audit.AnyAsync(a => a.Action == "inzage.vastgelegd" && a.ActorKind == "Medewerker", Ct));

            // encrypted at rest: the database holds the keys' XML encrypted with the key-encryption certificate
            await using (var db = first.Get<SchoolStore>().Read())
            {
                var keys = await ((IDataProtectionKeyContext)db).DataProtectionKeys.ToListAsync(Ct);
                Assert.NotEmpty(keys);
                Assert.All(keys, k => Assert.Contains("EncryptedData", k.Xml, StringComparison.Ordinal));
                Assert.All(keys, k => Assert.DoesNotContain("<masterKey", k.Xml, StringComparison.Ordinal));
            }
        }
        finally
        {
            try { Directory.Delete(secondData, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    // what an operator copies to a new instance: the master key and the key-encryption certificate (not the keys themselves)
    private static string CopySecrets(string from)
    {
        var to = Directory.CreateTempSubdirectory("oso-instance-").FullName;
        File.Copy(Path.Combine(from, "master.key"), Path.Combine(to, "master.key"));
        Directory.CreateDirectory(Path.Combine(to, "keys"));
        foreach (var file in Directory.GetFiles(Path.Combine(from, "keys"), "key-encryption.*"))
            File.Copy(file, Path.Combine(to, "keys", Path.GetFileName(file)));
        return to;
    }
}
