using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Oso.Protocol.Results;
using Oso.School.Bron;
using Oso.School.Outbox;
using Oso.School.Storage;
using Oso.Testing;

namespace Oso.School.Tests.Portal;

/// <summary>The bron school's staff see what became of the message that a refused school was promised after the release.</summary>
public sealed class BronPagesTests
{
    [Fact]
    public async Task A_notification_that_could_not_be_delivered_shows_why_and_what_to_do_and_one_being_retried_says_so()
    {
        await using var node = await PortalNode.StartAsync(DatabaseProvider.Sqlite);
        var pupil = await node.DeliverAsync(PortalNode.Po, "povo-akkoord");
        var now = TimeProvider.System.GetUtcNow();
        var givenUp = Guid.NewGuid();
        var retrying = Guid.NewGuid();
        await node.Get<SchoolStore>().WriteAsync(db =>
        {
            foreach (var id in new[] { givenUp, retrying })
            {
                db.IncomingRequests.Add(new IncomingRequest
                {
                    Id = id, Brin = PortalNode.Po, BronRouteringsKenmerk = "0000000700000YY00001", SessieId = Guid.NewGuid(), DoelBrin = PortalNode.Vo,
                    DoelRouteringsKenmerk = "0000000700022VO00001", Overdrachtsoort = "POVO", ReceivedAt = now.AddDays(-2),
                    Resultaat = nameof(ResultaatCode.LeerlinginfoNietBeschikbaar), PupilId = pupil, AwaitingNotification = false,
                });
            }
            // the notifications queued at the release, as the outbox leaves them (stored directly: no worker races this test)
            db.Outbox.Add(new OutboxMessage
            {
                Id = Guid.NewGuid(), Kind = NotificationSender.Kind, Payload = JsonSerializer.Serialize(new NotificationSender.Payload(givenUp)),
                IdempotencyKey = NotificationSender.Key(givenUp), CreatedAt = now.AddDays(-1), DueAt = now.AddDays(-1), Attempts = 12, FailedAt = now.AddHours(-1),
                LastError = "Opgegeven na 12 pogingen: Nieuwe school: Timeout",
            });
            db.Outbox.Add(new OutboxMessage
            {
                Id = Guid.NewGuid(), Kind = NotificationSender.Kind, Payload = JsonSerializer.Serialize(new NotificationSender.Payload(retrying)),
                IdempotencyKey = NotificationSender.Key(retrying), CreatedAt = now.AddHours(-1), DueAt = now.AddHours(1), Attempts = 3,
                LastError = "Traffic Center: Verbinding",
            });
            return Task.CompletedTask;
        });

        using var staff = node.Client();
        await node.SignInAsync(staff, PortalNode.PoMedewerker);
        var page = await staff.GetAsync($"/scholen/{PortalNode.Po}/verzoeken");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("kon niet worden bezorgd", page.Html);
        Assert.Contains("Nieuwe school: Timeout", page.Html);
        Assert.Contains("Actie voor u: laat die school weten dat het dossier klaarstaat", page.Html);
        Assert.Contains("de node probeert het opnieuw (poging 3: Traffic Center: Verbinding)", page.Html);
        Assert.DoesNotContain("Geen bericht (opnieuw opvragen kan)", page.Html);
        Assert.Contains("kon niet worden bezorgd", (await staff.GetAsync($"/scholen/{PortalNode.Po}/dossiers/{pupil}")).Html);

        // giving up is written in the school's audit log
        await node.Get<SchoolStore>().WriteAsync(async db =>
        {
            var message = await db.Outbox.AsNoTracking().SingleAsync(m => m.IdempotencyKey == NotificationSender.Key(givenUp));
            await node.Get<IEnumerable<IOutboxHandler>>().OfType<NotificationSender>().Single().OnGivenUpAsync(db, message, "Nieuwe school: Timeout", TestContext.Current.CancellationToken);
        });
        await using var read = node.Get<SchoolStore>().Read();
        var last = await read.Audit.Where(a => a.Brin == PortalNode.Po).OrderByDescending(a => a.Sequence).FirstAsync();
        Assert.Equal("notificatie.opgegeven", last.Action);
        Assert.Equal("doel=" + PortalNode.Vo, last.Detail);
    }
}
