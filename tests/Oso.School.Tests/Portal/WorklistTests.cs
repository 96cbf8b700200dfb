using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Oso.Dossier.Model;
using Oso.School.Bron;
using Oso.School.Bulk;
using Oso.School.Outbox;
using Oso.School.Storage;
using Oso.Testing;

namespace Oso.School.Tests.Portal;

/// <summary>
/// The worklist over HTTPS: a group's pupils in the list, a bulk action's plan per pupil, and its run through the
/// outbox — driven step by step here (background work off), so a failure for one pupil can be made at the right moment.
/// </summary>
public sealed partial class WorklistTests
{
    [Fact]
    public async Task Releasing_a_group_releases_whose_inzage_is_complete_skips_the_others_and_one_pupil_failing_stops_no_one()
    {
        await using var node = await StartAsync();
        var ready = await node.DeliverAsync(PortalNode.Po, "povo-akkoord", InGroep("8B"));
        var broken = await node.DeliverAsync(PortalNode.Po, "povo-niet-akkoord", InGroep("8B"));
        var unseen = await node.DeliverAsync(PortalNode.Po, "geen-inzage", InGroep("8B"));
        await node.DeliverAsync(PortalNode.Po, "povo-onderwijsnummer", InGroep("7A"));

        using var staff = node.Client();
        await node.SignInAsync(staff, PortalNode.PoMedewerker);
        var list = await staff.GetAsync($"/scholen/{PortalNode.Po}/dossiers?groep=8B&sorteer=Status");
        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.Contains(">Groep 8B</a> <span class=\"muted\">(3)</span>", list.Html);
        Assert.Contains(">Groep 7A</a>", list.Html);
        Assert.Equal(3, Regex.Count(list.Html, "name=\"alle\"")); // the 7A pupil is not in this list
        Assert.Contains("aria-sort=\"ascending\"", list.Html);

        var plan = await staff.PostAsync($"/scholen/{PortalNode.Po}/werklijst/actie", list.Html,
            [new("actie", "Vrijgeven"), new("alle", ready.ToString()), new("alle", broken.ToString()), new("alle", unseen.ToString()), new("beschrijving", "groep 8B")]);
        Assert.Equal(HttpStatusCode.OK, plan.Status);
        Assert.Contains("2 van de 3 dossiers worden vrijgegeven", plan.Html);
        Assert.Contains("De ouders hebben het dossier nog niet ingezien.", plan.Html);
        Assert.Contains("Bevestigen: 2 dossiers vrijgeven", plan.Html);
        Assert.Empty(await ReleasesAsync(node)); // the plan changes nothing

        var started = await staff.PostAsync($"/scholen/{PortalNode.Po}/werklijst/actie?handler=bevestigen", plan.Html,
            [new("actie", "Vrijgeven"), new("gekozen", ready.ToString()), new("gekozen", broken.ToString()), new("gekozen", unseen.ToString()), new("beschrijving", "groep 8B")]);
        Assert.Equal(HttpStatusCode.Redirect, started.Status);
        var job = Guid.Parse(JobPattern().Match(started.Location!).Groups[1].Value);

        // one pupil's stored draft is damaged before its turn: its part fails, the others are done
        await node.Get<SchoolStore>().WriteAsync(async db =>
        {
            var draft = await db.Drafts.FirstAsync(d => d.PupilId == broken);
            draft.Xml = [.. draft.Xml[..^1], (byte)(draft.Xml[^1] ^ 0xFF)];
        });
        await RunOutboxAsync(node);

        var progress = JsonSerializer.Deserialize<JsonElement>((await staff.GetAsync($"/scholen/{PortalNode.Po}/werklijst/{job}?handler=stand")).Html);
        Assert.Equal((3, 3, 1, 1, 1), (progress.GetProperty("afgerond").GetInt32(), progress.GetProperty("totaal").GetInt32(), progress.GetProperty("klaar").GetInt32(),
            progress.GetProperty("overgeslagen").GetInt32(), progress.GetProperty("mislukt").GetInt32()));
        var page = await staff.GetAsync($"/scholen/{PortalNode.Po}/werklijst/{job}");
        Assert.Contains("Klaar.", page.Html);
        Assert.Contains("Vrijgegeven als versie 1.", page.Html);
        Assert.Contains("niet gelukt", page.Html);
        Assert.Contains("overgeslagen", page.Html);
        Assert.Equal([ready], (await ReleasesAsync(node)).Select(r => r.PupilId).ToArray());

        // audited per pupil, as the staff member who confirmed
        var user = await node.UserIdAsync(PortalNode.PoMedewerker);
        await using (var db = node.Get<SchoolStore>().Read())
        {
            var released = await db.Audit.Where(a => a.Brin == PortalNode.Po && a.Action == "dossier.vrijgegeven").ToListAsync();
            Assert.Equal([("Medewerker", user, ready.ToString())], released.Select(a => (a.ActorKind, a.Actor, a.PupilRef!)).ToArray());
            Assert.Contains(await db.Audit.Where(a => a.Action == "werklijst.actie").Select(a => a.Detail).ToListAsync(), d => d!.Contains("leerlingen=2;overgeslagen=1"));
        }

        // the same pupil's turn again (a crash after the release, before its outcome was saved) releases nothing twice
        await node.Get<SchoolStore>().WriteAsync(async db => (await db.BulkJobItems.FirstAsync(i => i.JobId == job && i.PupilId == ready)).State = BulkItemState.Wachtrij);
        await RunnerAsync(node, job, ready);
        Assert.Single(await ReleasesAsync(node));
        await using (var db = node.Get<SchoolStore>().Read())
            Assert.Contains("Al vrijgegeven als versie 1", (await db.BulkJobItems.FirstAsync(i => i.JobId == job && i.PupilId == ready)).Result);
    }

    [Fact]
    public async Task Sending_the_parents_links_of_a_group_mails_each_parent_once_also_when_a_pupil_s_turn_runs_twice()
    {
        await using var node = await StartAsync();
        var pupils = new[] { "geen-inzage", "niet-vrijgegeven" };
        var ids = new List<Guid>();
        foreach (var p in pupils) ids.Add(await node.DeliverAsync(PortalNode.Po, p, d => InGroep("8C")(d) with { Inzage = null }));
        var addresses = new List<string>();
        foreach (var id in ids) addresses.AddRange((await node.Get<BulkActions>().AddressesAsync(PortalNode.Po, id, default)).Select(a => a.Email));
        Assert.NotEmpty(addresses);

        var user = await node.UserIdAsync(PortalNode.PoBeheerder);
        var job = await node.Get<BulkActions>().StartAsync(PortalNode.Po, BulkKind.OuderLinks, ids, user, "groep 8C");
        await RunOutboxAsync(node);
        var mails = await node.MailsAsync(addresses.Count);
        Assert.Equal(addresses.Order(StringComparer.Ordinal), mails.Select(m => Regex.Match(m, "^To: (.+)$", RegexOptions.Multiline).Groups[1].Value.Trim()).Order(StringComparer.Ordinal));
        Assert.All(mails, m => Assert.Contains("/ouders#code=", m, StringComparison.Ordinal));

        // a pupil's turn repeated (a crash before its outcome was saved): no second link, no second mail
        await node.Get<SchoolStore>().WriteAsync(async db => (await db.BulkJobItems.FirstAsync(i => i.JobId == job && i.PupilId == ids[0])).State = BulkItemState.Wachtrij);
        await RunnerAsync(node, job, ids[0]);
        await RunOutboxAsync(node);
        await using var read = node.Get<SchoolStore>().Read();
        Assert.Equal(addresses.Count, await read.ParentLinks.CountAsync(l => ids.Contains(l.PupilId)));
        Assert.Equal(addresses.Count, (await node.MailsAsync()).Count);

        // sending again to the same group skips them: they have a link already
        var again = await node.Get<BulkActions>().PlanAsync(PortalNode.Po, BulkKind.OuderLinks, ids, Oso.School.Audit.Actor.Medewerker(user));
        Assert.All(again.Rijen, r => Assert.Equal((false, "Er is al een geldige link naar de ouders."), (r.Doen, r.Wat)));
    }

    internal static Task<PortalNode> StartAsync() =>
        PortalNode.StartAsync(DatabaseProvider.Sqlite, configure: o => o with { RunBackgroundWork = false },
            services: s => s.AddSingleton<IOptions<OutboxOptions>>(Options.Create(new OutboxOptions { MaxAttempts = 1 })));

    /// <summary>Runs every due outbox message, one at a time, as the worker would.</summary>
    internal static async Task RunOutboxAsync(PortalNode node)
    {
        var worker = node.Get<OutboxWorker>();
        for (var i = 0; i < 500 && await worker.RunOneAsync(TestContext.Current.CancellationToken); i++) { }
    }

    private static Task RunnerAsync(PortalNode node, Guid job, Guid pupil) =>
        node.Get<IEnumerable<IOutboxHandler>>().OfType<BulkRunner>().Single().HandleAsync(new OutboxMessage
        {
            Kind = BulkRunner.Kind, Payload = JsonSerializer.Serialize(new BulkRunner.Payload(job, pupil)), IdempotencyKey = "test",
        }, TestContext.Current.CancellationToken);

    private static async Task<List<DossierRelease>> ReleasesAsync(PortalNode node)
    {
        await using var db = node.Get<SchoolStore>().Read();
        return await db.Releases.AsNoTracking().ToListAsync();
    }

    /// <summary>A dossier moved into a group (its latest school-history entry).</summary>
    internal static Func<Dossier.Model.Dossier, Dossier.Model.Dossier> InGroep(string groep) => d =>
    {
        var l = d.Huidigeschool.Leerling;
        var last = l.Schoolloopbaanlijst.OrderBy(e => e.Begindatum ?? DateOnly.MinValue).Last();
        var moved = l.Schoolloopbaanlijst.Select(e => ReferenceEquals(e, last) ? e with { Groepscode = groep, Brincode = d.Huidigeschool.Brincode } : e).ToList();
        return d with { Huidigeschool = d.Huidigeschool with { Leerling = l with { Schoolloopbaanlijst = moved } } };
    };

    [GeneratedRegex("/werklijst/([0-9a-f-]{36})")]
    private static partial Regex JobPattern();
}
