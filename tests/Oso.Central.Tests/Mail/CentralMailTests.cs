using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Oso.Central.Accounts;
using Oso.Central.Qualification;
using Oso.Central.Register;
using Oso.Central.Storage;
using Oso.Central.Tests.Infrastructure;

namespace Oso.Central.Tests.Mail;

/// <summary>
/// Central keeps its promise "U krijgt bericht": a school hears that its account is verified and how its evidence was
/// judged, operators hear what waits for them — through the mail queue, into the development folder, each once.
/// </summary>
public sealed class CentralMailTests(SqliteCentral host) : IClassFixture<SqliteCentral>
{
    private const string Wachtwoord = "Mail-Test-2026-!";

    [Fact]
    public async Task A_school_is_told_its_account_is_verified_and_how_its_evidence_was_judged_and_operators_what_waits()
    {
        var brin = host.NextBrin();
        var admin = host.Admin;
        var board = "m" + brin;
        Assert.True((await admin.AddBoardAsync(new NieuwBestuur(board, "Bestuur " + brin))).Gelukt);
        Assert.True((await admin.AddSchoolAsync(new NieuweSchool(brin, "Mailschool " + brin, Sector.PO, board))).Gelukt);
        var operatorMail = $"beheer-{brin}@openoso.test".ToLowerInvariant();
        Assert.True((await admin.AddUserAsync(new NieuweGebruiker(operatorMail, "Op Erator", Wachtwoord, Rol.Beheerder, null))).Gelukt);
        var school = $"contact-{brin}@school.test".ToLowerInvariant();

        Assert.True((await admin.RegisterSchoolAccountAsync(brin, "Kim Contact", school, Wachtwoord, "030-1234567")).Gelukt);
        var request = await MailAsync(operatorMail, "Accountaanvraag voor school " + brin);
        Assert.Contains("/beheer/accounts", request);

        Assert.True((await admin.VerifyAccountAsync(school)).Gelukt);
        var verified = await MailAsync(school, "Uw account voor Mijn OSO is geverifieerd");
        Assert.Contains("Beste Kim Contact,", verified);
        Assert.Matches(new Regex(@"https://[^\s]+/inloggen"), verified);

        var item = Handboek.Items[0];
        var submitted = item.Bewijs.HasFlag(BewijsSoort.Verklaring)
            ? await admin.Als(school).SubmitStatementAsync(brin, item.Code, "Wij verklaren dat het in orde is.", "Kim Contact", "directeur")
            : await admin.Als(school).SubmitDocumentAsync(brin, item.Code, "bewijs.pdf", "%PDF-1.7\n%%EOF"u8.ToArray());
        Assert.True(submitted.Gelukt);
        var waiting = await MailAsync(operatorMail, $"Bewijs te beoordelen: {brin}");
        Assert.Contains("/beheer/bewijzen/" + submitted.Waarde!.Id, waiting);

        Assert.True((await admin.ReviewAsync(submitted.Waarde.Id, goedgekeurd: false, "Er ontbreekt een handtekening.")).Gelukt);
        var rejected = await MailAsync(school, $"Kwalificatie: ‘{item.Titel}’ afgewezen");
        Assert.Contains("Er ontbreekt een handtekening.", rejected);
        Assert.Contains("/mijn-oso/kwalificatie/" + item.Code, rejected);

        // each once: verifying again is refused and queues nothing — the queue itself says so (a mail is queued in the
        // same transaction as its cause), so no waiting for the worker is needed to know no second mail will come
        Assert.False((await admin.VerifyAccountAsync(school)).Gelukt);
        await using (var db = await host.Central.Services.GetRequiredService<IDbContextFactory<CentralDb>>().CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            var toSchool = await db.Mail.Where(m => m.To == school).ToListAsync(TestContext.Current.CancellationToken);
            Assert.Single(toSchool, m => m.Subject.Contains("geverifieerd", StringComparison.Ordinal));
            Assert.DoesNotContain(toSchool, m => m.SentAt is null && m.FailedAt is null && !m.Subject.Contains("afgewezen", StringComparison.Ordinal));
        }
        Assert.Single(Mails(school, "geverifieerd"));
    }

    private string MailDirectory => Path.Combine(host.DataDirectory, "outbox-mail");

    private IEnumerable<string> Mails(string to, string subject) =>
        Directory.Exists(MailDirectory)
            ? Directory.GetFiles(MailDirectory, "*.eml").Select(File.ReadAllText)
                .Where(m => m.Contains("To: " + to + "\r\n", StringComparison.Ordinal) && Decode(m).Contains(subject, StringComparison.Ordinal))
            : [];

    /// <summary>Waits (the queue is looked at every 2 s) for one mail to <paramref name="to"/> whose subject contains <paramref name="subject"/>.</summary>
    private async Task<string> MailAsync(string to, string subject)
    {
        for (var i = 0; i < 200; i++)
        {
            if (Mails(to, subject).FirstOrDefault() is { } mail) return mail;
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
        throw new TimeoutException($"Geen e-mail ‘{subject}’ aan {to} in {MailDirectory}.");
    }

    /// <summary>The mail with its subject decoded (RFC 2047, UTF-8 base64).</summary>
    private static string Decode(string mail) => Regex.Replace(mail, @"=\?utf-8\?B\?([A-Za-z0-9+/=]+)\?=",
        m => System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(m.Groups[1].Value)));
}
