using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Oso.Protocol.Results;
using Oso.School.Audit;
using Oso.School.Bron;
using Oso.School.Mail;
using Oso.School.Outbox;
using Oso.School.Parents;
using Oso.School.Staff;
using Oso.School.Storage;
using Oso.School.Tests.Portal;
using Oso.Testing;

namespace Oso.School.Tests.Mail;

/// <summary>
/// Staff and parents are told by mail (the node's development folder): a request waiting for a release, parents'
/// answers, the daily digest, the reminder before a parents' link expires. The clock is a fake one, moved past each
/// moment; the outbox is driven step by step.
/// </summary>
public sealed class StaffMailTests
{
    private static readonly DateTimeOffset Start = new(2027, 3, 15, 9, 0, 0, TimeSpan.Zero); // 10:00 in Amsterdam

    [Fact]
    public async Task Staff_are_mailed_when_parents_answer_and_when_a_school_waits_for_a_release_without_a_pupil_s_name_or_number()
    {
        var time = new FakeTimeProvider(Start);
        await using var node = await StartAsync(time);
        var pupil = await node.DeliverAsync(PortalNode.Po, "geen-inzage", d => d with { Inzage = null });
        var links = node.Get<ParentLinks>();
        var link = Assert.IsType<ParentLinkResult.Created>(await links.CreateAsync(PortalNode.Po, pupil, "ouder@voorbeeld.test", Actor.Node, mail: false));
        Assert.IsType<AnswerResult.Recorded>(await links.AnswerAsync(link.LinkId, new ParentAnswer("Ja", null, null, null)));

        var waiting = Guid.NewGuid();
        await node.Get<SchoolStore>().WriteAsync(async db =>
        {
            db.IncomingRequests.Add(new IncomingRequest
            {
                Id = waiting, Brin = PortalNode.Po, BronRouteringsKenmerk = "0000000700000YY00001", SessieId = Guid.NewGuid(), DoelBrin = PortalNode.Vo,
                DoelRouteringsKenmerk = "0000000700022VO00001", Overdrachtsoort = "overstapdossier", ReceivedAt = time.GetUtcNow(),
                Resultaat = nameof(ResultaatCode.LeerlinginfoNietOpvraagbaar), PupilId = pupil, AwaitingNotification = true,
            });
            await StaffNotices.QueueAsync(db, node.Get<OutboxQueue>(), PortalNode.Po, StaffMailEvents.Verzoek, waiting, default);
        });
        await WorklistTests.RunOutboxAsync(node);

        var mails = await node.MailsAsync(4);
        var staff = new[] { PortalNode.PoMedewerker, PortalNode.PoBeheerder };
        var answers = mails.Where(m => m.Contains("Subject: Reactie op een overstapdossier", StringComparison.Ordinal)).ToList();
        Assert.Equal(staff.Order(), answers.Select(To).Order());
        Assert.All(answers, m => Assert.Contains($"/scholen/{PortalNode.Po}/dossiers/{pupil}", m, StringComparison.Ordinal));
        var requests = mails.Where(m => m.Contains("Testcollege (22VO) vroeg op", StringComparison.Ordinal)).ToList();
        Assert.Equal(staff.Order(), requests.Select(To).Order());
        Assert.Contains("de ouders hebben het nog niet ingezien", requests[0]);
        Assert.DoesNotContain(mails, m => !staff.Contains(To(m)));

        // nothing in them a dossier holds: no name, no number
        var dossier = await node.Get<BronDossiers>().FindPupilAsync(PortalNode.Po, "LAS-geen-inzage");
        Assert.NotNull(dossier);
        var fixedPupil = Oso.Synthetic.SyntheticDossiers.Fixed("geen-inzage", PortalNode.Today).Huidigeschool.Leerling;
        foreach (var mail in mails)
        {
            Assert.DoesNotContain(fixedPupil.Achternaam, mail, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(fixedPupil.Bsn!, mail, StringComparison.Ordinal);
        }

        // the same event is mailed once, also when its notice runs again
        await node.Get<SchoolStore>().WriteAsync(db => StaffNotices.QueueAsync(db, node.Get<OutboxQueue>(), PortalNode.Po, StaffMailEvents.Verzoek, waiting, default));
        await WorklistTests.RunOutboxAsync(node);
        Assert.Equal(mails.Count, (await node.MailsAsync()).Count);
    }

    [Fact]
    public async Task Staff_who_chose_the_daily_digest_get_one_mail_at_seven_with_what_happened_and_none_on_a_quiet_day()
    {
        var time = new FakeTimeProvider(Start);
        await using var node = await StartAsync(time);
        var medewerker = await node.UserIdAsync(PortalNode.PoMedewerker);
        Assert.True(await node.Get<StaffAccounts>().SetMailAsync(PortalNode.Po, medewerker, StaffMailEvents.Reactie, digest: true, Actor.Node));
        var beheerder = await node.UserIdAsync(PortalNode.PoBeheerder);
        Assert.True(await node.Get<StaffAccounts>().SetMailAsync(PortalNode.Po, beheerder, StaffMailEvents.Verzoek, digest: false, Actor.Node));

        foreach (var key in new[] { "geen-inzage", "niet-vrijgegeven" })
        {
            var pupil = await node.DeliverAsync(PortalNode.Po, key, d => d with { Inzage = null });
            var link = Assert.IsType<ParentLinkResult.Created>(await node.Get<ParentLinks>().CreateAsync(PortalNode.Po, pupil, $"{key}@voorbeeld.test", Actor.Node, mail: false));
            Assert.IsType<AnswerResult.Recorded>(await node.Get<ParentLinks>().AnswerAsync(link.LinkId, new ParentAnswer("Ja", null, null, null)));
        }
        await WorklistTests.RunOutboxAsync(node);
        Assert.Empty(await node.MailsAsync()); // the beheerder wants only requests; the medewerker the digest

        var scheduler = node.Get<DailyScheduler>();
        await scheduler.QueueDueAsync(default); // 10:00: today's digest time has passed, but nothing happened before it
        await WorklistTests.RunOutboxAsync(node);
        Assert.Empty(await node.MailsAsync());

        time.Advance(TimeSpan.FromHours(21)); // 07:00 the next morning
        await scheduler.QueueDueAsync(default);
        await scheduler.QueueDueAsync(default); // twice in the hour: one digest
        await WorklistTests.RunOutboxAsync(node);
        var digest = Assert.Single(await node.MailsAsync(1));
        Assert.Equal(PortalNode.PoMedewerker, To(digest));
        Assert.Contains("Subject: Dagoverzicht overstapdossiers Basisschool Het Testpunt", digest);
        Assert.Contains("- 2 reacties van ouders op overstapdossiers", digest);
        Assert.DoesNotContain("verzoek", digest.Split("\r\n\r\n", 2)[1], StringComparison.OrdinalIgnoreCase);

        time.Advance(TimeSpan.FromDays(1)); // a quiet day: no mail
        await scheduler.QueueDueAsync(default);
        await WorklistTests.RunOutboxAsync(node);
        Assert.Single(await node.MailsAsync());
    }

    [Fact]
    public async Task Parents_who_have_not_answered_get_a_reminder_with_their_link_three_days_before_it_expires_and_the_token_is_erased_after()
    {
        var time = new FakeTimeProvider(Start);
        await using var node = await StartAsync(time);
        var quiet = await node.DeliverAsync(PortalNode.Po, "geen-inzage", d => d with { Inzage = null });
        var answering = await node.DeliverAsync(PortalNode.Po, "niet-vrijgegeven", d => d with { Inzage = null });
        var links = node.Get<ParentLinks>();
        var q = Assert.IsType<ParentLinkResult.Created>(await links.CreateAsync(PortalNode.Po, quiet, "stil@voorbeeld.test", Actor.Node));
        var a = Assert.IsType<ParentLinkResult.Created>(await links.CreateAsync(PortalNode.Po, answering, "snel@voorbeeld.test", Actor.Node));
        await WorklistTests.RunOutboxAsync(node);
        var first = await node.MailsAsync(2);
        var code = Regex.Match(first.Single(m => To(m) == "snel@voorbeeld.test"), @"#code=([A-Za-z0-9_-]+)").Groups[1].Value;
        var opened = Assert.IsType<OpenResult.Opened>(await links.OpenAsync(code));
        Assert.IsType<AnswerResult.Recorded>(await links.AnswerAsync(opened.LinkId, new ParentAnswer("Ja", null, null, null)));

        time.Advance(TimeSpan.FromDays(10)); // not yet: the reminder is due on day 11
        await WorklistTests.RunOutboxAsync(node);
        Assert.Empty(await node.MailsAsync(0, m => m.Contains("Herinnering", StringComparison.Ordinal)));

        time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        await WorklistTests.RunOutboxAsync(node);
        var reminder = Assert.Single(await node.MailsAsync(1, m => m.Contains("Subject: Herinnering", StringComparison.Ordinal)));
        Assert.Equal("stil@voorbeeld.test", To(reminder));
        Assert.Contains("tot en met 29 maart 2027", reminder);
        var reminderCode = Regex.Match(reminder, @"#code=([A-Za-z0-9_-]+)").Groups[1].Value;
        Assert.IsType<OpenResult.Opened>(await links.OpenAsync(reminderCode)); // the same, still working link

        await using var db = node.Get<SchoolStore>().Read();
        var rows = await db.ParentLinks.AsNoTracking().Where(l => l.Id == q.LinkId || l.Id == a.LinkId).ToListAsync();
        Assert.All(rows, l => Assert.Null(l.PendingToken)); // sent, reminded or answered: the token exists only in the mailbox
        Assert.NotNull(rows.Single(l => l.Id == q.LinkId).RemindedAt);
        Assert.Null(rows.Single(l => l.Id == a.LinkId).RemindedAt);
        Assert.Equal(1, await db.Audit.CountAsync(x => x.Action == "ouderlink.herinnerd"));
    }

    private static Task<PortalNode> StartAsync(FakeTimeProvider time) =>
        PortalNode.StartAsync(DatabaseProvider.Sqlite, time, o => o with { RunBackgroundWork = false, Outbox = o.Outbox with { MaxAttempts = 3 } });

    private static string To(string mail) => Regex.Match(mail, "^To: (.+)$", RegexOptions.Multiline).Groups[1].Value.Trim();
}
