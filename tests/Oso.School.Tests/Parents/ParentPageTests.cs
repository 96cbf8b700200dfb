using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Oso.School.Audit;
using Oso.School.Parents;
using Oso.School.Storage;
using Oso.School.Tests.Portal;
using Oso.Synthetic;
using Oso.Testing;

namespace Oso.School.Tests.Parents;

/// <summary>The parents' page: personal links that expire, can be revoked and cannot be guessed; views and answers audited as the link; nothing personal stored or logged in plaintext.</summary>
public sealed partial class ParentPageTests
{
    private static async Task<(string Token, Guid LinkId)> LinkAsync(PortalNode node, Guid pupil, string email = "ouder@voorbeeld.test")
    {
        var created = Assert.IsType<ParentLinkResult.Created>(await node.Get<ParentLinks>().CreateAsync(PortalNode.Po, pupil, email, Actor.Medewerker("test"), mail: false));
        return (created.Token!, created.LinkId);
    }

    private static async Task<PortalClient.Answer> OpenAsync(PortalClient client, string code)
    {
        var page = await client.GetAsync("/ouders");
        return await client.PostAsync("/ouders", page.Html, new() { ["code"] = code });
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Expired_revoked_and_tampered_links_are_refused(DatabaseProvider engine)
    {
        await using var node = await PortalNode.StartAsync(engine);
        var pupil = await node.DeliverAsync(PortalNode.Po, "geen-inzage");
        var (good, goodId) = await LinkAsync(node, pupil);
        var (expired, expiredId) = await LinkAsync(node, pupil);
        var (revoked, revokedId) = await LinkAsync(node, pupil);
        var past = TimeProvider.System.GetUtcNow().AddMinutes(-1);
        await using (var db = node.Get<SchoolStore>().Read())
            await db.ParentLinks.Where(l => l.Id == expiredId).ExecuteUpdateAsync(u => u.SetProperty(l => l.ExpiresAt, past));
        Assert.True(await node.Get<ParentLinks>().RevokeAsync(PortalNode.Po, revokedId, Actor.Medewerker("test")));

        using var parent = node.Client();
        var tampered = good[..^1] + (good[^1] == 'A' ? 'B' : 'A');
        Assert.Contains("klopt niet", PortalClient.FieldErrors((await OpenAsync(parent, tampered)).Html).Single());
        Assert.Contains("verlopen of ingetrokken", PortalClient.FieldErrors((await OpenAsync(parent, expired)).Html).Single());
        Assert.Contains("verlopen of ingetrokken", PortalClient.FieldErrors((await OpenAsync(parent, revoked)).Html).Single());
        Assert.Equal(HttpStatusCode.Redirect, (await parent.GetAsync("/ouders/dossier")).Status); // no session from any of them

        var opened = await OpenAsync(parent, good);
        Assert.Equal("/ouders/dossier", opened.Location);
        Assert.Equal(HttpStatusCode.OK, (await parent.GetAsync("/ouders/dossier")).Status);

        // a session cookie that was tampered with is no session
        using var forger = node.Client();
        forger.Cookies.Add(node.Node.PortalUrl, new Cookie(ParentSession.CookieName, "CfDJ8" + new string('A', 120)) { Path = "/ouders" });
        Assert.Equal(HttpStatusCode.Redirect, (await forger.GetAsync("/ouders/dossier")).Status);

        // revoking a link ends its open session at the next request
        Assert.True(await node.Get<ParentLinks>().RevokeAsync(PortalNode.Po, goodId, Actor.Medewerker("test")));
        var after = await parent.GetAsync("/ouders/dossier");
        Assert.Equal(HttpStatusCode.Redirect, after.Status);
        Assert.Equal("/ouders", after.Location);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Staff_and_parent_views_and_the_parents_answer_are_audited_by_id_never_by_name(DatabaseProvider engine)
    {
        await using var node = await PortalNode.StartAsync(engine);
        var pupil = await node.DeliverAsync(PortalNode.Po, "geen-inzage");
        using var staff = node.Client();
        await node.SignInAsync(staff, PortalNode.PoMedewerker);
        Assert.Contains("Tess Meijer", (await staff.GetAsync($"/scholen/{PortalNode.Po}/dossiers/{pupil}")).Html);
        var (token, linkId) = await LinkAsync(node, pupil);

        using var parent = node.Client();
        await OpenAsync(parent, token);
        var page = await parent.GetAsync("/ouders/dossier");
        Assert.Contains("Het overstapdossier van Tess", page.Html);
        var answered = await parent.PostAsync("/ouders/dossier", page.Html, new() { ["akkoord"] = "Nee", ["zienswijze"] = "Het beeld van de rekenvaardigheid klopt niet." });
        Assert.Equal(HttpStatusCode.Redirect, answered.Status);

        await using var db = node.Get<SchoolStore>().Read();
        var userId = await node.UserIdAsync(PortalNode.PoMedewerker);
        var records = await db.Audit.AsNoTracking().Where(a => a.Brin == PortalNode.Po && a.PupilRef == pupil.ToString()).OrderBy(a => a.Sequence).ToListAsync();
        Assert.Contains(records, a => a is { Action: "dossier.ingezien", ActorKind: "Medewerker" } && a.Actor == userId);
        var ouder = linkId.ToString();
        Assert.Contains(records, a => a is { Action: "ouderlink.geopend", ActorKind: "Ouder" } && a.Actor == ouder);
        Assert.Contains(records, a => a is { Action: "dossier.ingezien", ActorKind: "Ouder" } && a.Actor == ouder);
        Assert.Contains(records, a => a is { Action: "inzage.vastgelegd", ActorKind: "Ouder" } && a.Actor == ouder && a.Detail!.Contains("akkoord=Nee"));
        Assert.All(await db.Audit.AsNoTracking().ToListAsync(), a =>
        {
            var text = string.Join("|", a.Actor, a.Action, a.Purpose, a.Detail, a.PupilRef);
            Assert.DoesNotContain("Meijer", text);
            Assert.DoesNotContain("voorbeeld.test", text);
            Assert.DoesNotContain(PortalNode.PoMedewerker, text);
        });
        Assert.Null(await AuditLog.VerifyAsync(db, PortalNode.Po));

        // staff see the parents' view in the draft
        var staffPage = await staff.GetAsync($"/scholen/{PortalNode.Po}/dossiers/{pupil}");
        Assert.Contains("Het beeld van de rekenvaardigheid klopt niet.", staffPage.Html);
        Assert.Contains("gereageerd door de ouders", staffPage.Html);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task No_parent_token_e_mail_address_zienswijze_or_pupil_name_is_stored_in_plaintext(DatabaseProvider engine)
    {
        await using var node = await PortalNode.StartAsync(engine);
        var pupil = await node.DeliverAsync(PortalNode.Po, "geen-inzage");
        using var staff = node.Client();
        await node.SignInAsync(staff, PortalNode.PoMedewerker);
        var page = await staff.GetAsync($"/scholen/{PortalNode.Po}/dossiers/{pupil}");
        // through the portal: the link is mailed by the outbox to the development pickup directory
        var sent = await staff.PostAsync($"/scholen/{PortalNode.Po}/dossiers/{pupil}?handler=link", page.Html,
            new() { ["ouderEmail"] = "anders", ["anderEmail"] = "ouder.meijer@voorbeeld.test" });
        Assert.Equal(HttpStatusCode.Redirect, sent.Status);
        var mail = await MailAsync(node, "ouder.meijer@voorbeeld.test");
        var token = CodePattern().Match(mail).Groups[1].Value;
        Assert.Equal(43, token.Length);
        Assert.Contains("Subject: Overstapdossier van uw kind", mail);
        Assert.DoesNotContain("Meijer", mail); // the mail names no child

        using var parent = node.Client();
        Assert.Equal("/ouders/dossier", (await OpenAsync(parent, token)).Location);
        var parentPage = await parent.GetAsync("/ouders/dossier");
        const string zienswijze = "Onze zienswijze: de werkhouding is anders dan beschreven.";
        await parent.PostAsync("/ouders/dossier", parentPage.Html, new() { ["akkoord"] = "Nee", ["zienswijze"] = zienswijze });

        await using (var db = node.Get<SchoolStore>().Read())
        {
            var link = await db.ParentLinks.AsNoTracking().SingleAsync();
            Assert.NotNull(link.SentAt);
            Assert.Null(link.PendingToken); // erased once the mail went out
            Assert.Equal(ParentLinks.Hash(token), link.TokenHash);
        }
        var stored = await node.DatabaseTextAsync();
        Assert.True(stored.Length > 10_000);
        Assert.DoesNotContain(token, stored);
        Assert.DoesNotContain("ouder.meijer@voorbeeld.test", stored);
        Assert.DoesNotContain("Meijer", stored);
        Assert.DoesNotContain(zienswijze, stored);
        Assert.DoesNotContain("999991632", stored); // the pupil's BSN
        Assert.Contains(PortalNode.PoMedewerker, stored); // staff e-mail addresses are staff data: plaintext is fine (and shows the search works)
    }

    [Fact]
    public async Task Parent_tokens_never_appear_in_the_node_s_logs_even_at_trace_level()
    {
        await using var node = await PortalNode.StartAsync(DatabaseProvider.Sqlite);
        var pupil = await node.DeliverAsync(PortalNode.Po, "geen-inzage");
        Assert.IsType<ParentLinkResult.Created>(await node.Get<ParentLinks>().CreateAsync(PortalNode.Po, pupil, "log@voorbeeld.test", Actor.Medewerker("test")));
        var token = CodePattern().Match(await MailAsync(node, "log@voorbeeld.test")).Groups[1].Value;
        var (direct, _) = await LinkAsync(node, pupil);

        using var parent = node.Client();
        await OpenAsync(parent, token);
        await OpenAsync(parent, direct);
        await OpenAsync(parent, direct[..^2] + "zz");
        await parent.GetAsync("/ouders/dossier");

        Assert.Contains(node.Logs.Lines, l => l.StartsWith("Debug", StringComparison.Ordinal) || l.StartsWith("Trace", StringComparison.Ordinal));
        Assert.Contains(node.Logs.Lines, l => l.Contains("/ouders", StringComparison.Ordinal)); // requests are logged…
        Assert.DoesNotContain(token, node.Logs.All); // …their codes are not
        Assert.DoesNotContain(direct, node.Logs.All);
        Assert.DoesNotContain(direct[..^2], node.Logs.All);
        Assert.DoesNotContain("log@voorbeeld.test", node.Logs.All);
    }

    [Fact]
    public async Task A_zienswijze_with_a_control_character_is_refused_at_the_field_and_the_draft_stays_as_it_was()
    {
        // found with the fuzz harness (fuzz/replay.sh parents-form, a hand-made input): a control character in the form reached the XML writer and ended in a 500
        await using var node = await PortalNode.StartAsync(DatabaseProvider.Sqlite);
        var pupil = await node.DeliverAsync(PortalNode.Po, "geen-inzage");
        var (token, _) = await LinkAsync(node, pupil);
        using var parent = node.Client();
        await OpenAsync(parent, token);
        var page = await parent.GetAsync("/ouders/dossier");

        var answered = await parent.PostAsync("/ouders/dossier", page.Html, new() { ["akkoord"] = "Nee", ["zienswijze"] = "Het advies\u000B klopt niet." });

        Assert.Equal(HttpStatusCode.OK, answered.Status);
        Assert.Contains("teken dat niet kan worden opgeslagen", PortalClient.FieldErrors(answered.Html).Single());
        await using var db = node.Get<SchoolStore>().Read();
        Assert.Null((await db.ParentLinks.AsNoTracking().SingleAsync()).RespondedAt);
        Assert.DoesNotContain(await db.Audit.AsNoTracking().ToListAsync(), a => a.Action == "inzage.vastgelegd");
    }

    [Fact]
    public async Task A_secondary_school_asks_for_consent_and_from_16_the_pupil_gives_it()
    {
        await using var node = await PortalNode.StartAsync(DatabaseProvider.Sqlite);
        var pupil = await node.DeliverAsync(PortalNode.Vo, "vovo", d => d with
        {
            Inzage = null,
            Huidigeschool = d.Huidigeschool with { Leerling = d.Huidigeschool.Leerling with { Geboortedatum = PortalNode.Today.AddYears(-16).AddDays(-3) } },
        });
        var created = Assert.IsType<ParentLinkResult.Created>(await node.Get<ParentLinks>().CreateAsync(PortalNode.Vo, pupil, "thijs@voorbeeld.test", Actor.Medewerker("test"), mail: false));
        using var client = node.Client();
        await OpenAsync(client, created.Token!);
        var page = await client.GetAsync("/ouders/dossier");
        Assert.Contains("Wie vult dit in?", page.Html);
        Assert.Contains("Mag het dossier naar de nieuwe school?", page.Html);

        var incomplete = await client.PostAsync("/ouders/dossier", page.Html, new() { ["toestemming"] = "Ja" });
        Assert.Contains("wie de toestemming geeft", PortalClient.FieldErrors(incomplete.Html).Single());
        var answered = await client.PostAsync("/ouders/dossier", page.Html, new() { ["toestemming"] = "Ja", ["gegevenDoor"] = "leerling" });
        Assert.Equal(HttpStatusCode.Redirect, answered.Status);

        await using var db = node.Get<SchoolStore>().Read();
        var link = await db.ParentLinks.AsNoTracking().SingleAsync();
        Assert.Equal("leerling", link.GegevenDoor);
        var draft = await db.Drafts.AsNoTracking().SingleAsync(d => d.PupilId == pupil);
        var dossier = node.Get<Oso.School.Crypto.ProtectedDossiers>().Dossier(PortalNode.Vo, draft.Xml, Oso.School.Crypto.ProtectedDossiers.Contexts.Draft(pupil));
        Assert.Equal("Ja", dossier.Inzage?.Toestemming?.Value);
        Assert.True(dossier.Inzage?.Inzage);
    }

    [Fact]
    public async Task Parents_see_every_school_that_received_the_dossier()
    {
        await using var node = await PortalNode.StartAsync(DatabaseProvider.Sqlite);
        var pupil = await node.DeliverAsync(PortalNode.Po, "povo-akkoord");
        var release = Assert.IsType<Oso.School.Bron.ReleaseResult.Released>(await node.Get<Oso.School.Bron.BronDossiers>().ReleaseAsync(PortalNode.Po, pupil, null, Actor.Node));
        await node.Get<SchoolStore>().WriteAsync(db =>
        {
            db.Disclosures.Add(new Oso.School.Bron.Disclosure
            {
                Id = Guid.NewGuid(), PupilId = pupil, Brin = PortalNode.Po, ReleaseId = release.ReleaseId, DoelBrin = PortalNode.Vo, Profiel = "POVO",
                SessieId = Guid.NewGuid(), At = TimeProvider.System.GetUtcNow(),
            });
            db.Disclosures.Add(new Oso.School.Bron.Disclosure
            {
                Id = Guid.NewGuid(), PupilId = pupil, Brin = PortalNode.Po, ReleaseId = release.ReleaseId, DoelBrin = "33XX", Profiel = "POVO",
                SessieId = Guid.NewGuid(), At = TimeProvider.System.GetUtcNow(),
            });
            return Task.CompletedTask;
        });
        var (token, _) = await LinkAsync(node, pupil);
        using var parent = node.Client();
        await OpenAsync(parent, token);
        var page = (await parent.GetAsync("/ouders/dossier")).Html;
        Assert.Contains("Testcollege (22VO)", page);
        Assert.Contains("School 33XX", page);
        Assert.Contains("(versie 1)", page);
    }

    [Fact]
    public async Task A_link_is_deleted_a_month_after_it_expired_and_its_audit_records_stay()
    {
        await using var node = await PortalNode.StartAsync(DatabaseProvider.Sqlite);
        var pupil = await node.DeliverAsync(PortalNode.Po, "geen-inzage");
        var (_, old) = await LinkAsync(node, pupil);
        var (_, recent) = await LinkAsync(node, pupil);
        var longAgo = TimeProvider.System.GetUtcNow().AddDays(-31);
        await using (var db = node.Get<SchoolStore>().Read())
            await db.ParentLinks.Where(l => l.Id == old).ExecuteUpdateAsync(u => u.SetProperty(l => l.ExpiresAt, longAgo));

        var purge = node.Node.Services.GetServices<Oso.School.Outbox.IOutboxHandler>().OfType<Oso.School.Retention.RetentionPurge>().Single();
        await purge.HandleAsync(new Oso.School.Outbox.OutboxMessage { Kind = Oso.School.Retention.RetentionPurge.Kind, Payload = "{}", IdempotencyKey = "test" },
            TestContext.Current.CancellationToken);

        await using var check = node.Get<SchoolStore>().Read();
        Assert.Equal([recent], await check.ParentLinks.Select(l => l.Id).ToListAsync());
        Assert.True(await check.Audit.AnyAsync(a => a.Action == "ouderlink.aangemaakt" && a.Detail!.Contains(old.ToString())));
    }

    private static async Task<string> MailAsync(PortalNode node, string to)
    {
        var directory = Path.Combine(node.DataDirectory, "node", "outbox-mail");
        for (var i = 0; i < 150; i++)
        {
            if (Directory.Exists(directory))
                foreach (var file in Directory.GetFiles(directory, "*.eml"))
                {
                    var text = await File.ReadAllTextAsync(file);
                    if (text.Contains("To: " + to, StringComparison.Ordinal)) return text;
                }
            await Task.Delay(100);
        }
        throw new TimeoutException("Geen e-mail aan " + to);
    }

    [GeneratedRegex(@"/ouders#code=([A-Za-z0-9_-]+)")]
    private static partial Regex CodePattern();
}
