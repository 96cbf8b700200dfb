using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Oso.School.Doel;
using Oso.School.LasApi;
using Oso.School.Outbox;
using Oso.School.Storage;
using Oso.School.Tenancy;
using Oso.Testing;

namespace Oso.School.Tests.LasApi;

/// <summary>The webhook a LAS receives when a dossier arrives, against a stand-in for the LAS's HTTPS endpoint.</summary>
public sealed class WebhookTests
{
    private const string Brin = "92VO";
    private const string Secret = "las-webhook-geheim";

    private sealed record Setup(TestServices Services, LasEndpoint Las, FakeTimeProvider Time, Guid DossierId) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Services.DisposeAsync();
    }

    private static async Task<Setup> CreateAsync(DatabaseProvider engine, TimeSpan? timeout = null)
    {
        var las = new LasEndpoint();
        var time = new FakeTimeProvider(new DateTimeOffset(2027, 3, 1, 9, 0, 0, TimeSpan.Zero));
        var services = await TestServices.CreateAsync(engine, s =>
        {
            s.AddSingleton<TimeProvider>(time);
            s.AddHttpClient("webhooks", c => c.Timeout = timeout ?? TimeSpan.FromSeconds(15)).ConfigurePrimaryHttpMessageHandler(() => las);
        });
        var admin = services.Get<SchoolAdmin>();
        await admin.AddSchoolAsync(Brin, "OSO testschool VO", "VO", "Utrecht");
        var (client, _) = await admin.CreateLasClientAsync(Brin, "Test-LAS");
        await admin.SetWebhookAsync(Brin, client, "https://las.example/oso/webhook", Secret);
        var id = Guid.NewGuid();
        await services.Get<SchoolStore>().WriteAsync(async db =>
        {
            db.ReceivedDossiers.Add(new ReceivedDossier
            {
                Id = id, Brin = Brin, AanmeldingId = Guid.NewGuid(), RequestId = Guid.NewGuid(), BronBrin = "91PO", Xml = [1], Valid = true,
                Meldingen = [1], ReceivedAt = time.GetUtcNow(),
            });
            await services.Get<OutboxQueue>().EnqueueAsync(db, Webhooks.Kind, new Webhooks.Payload(id), "webhook:" + id);
        });
        return new Setup(services, las, time, id);
    }

    private static async Task<OutboxMessage> WebhookMessageAsync(TestServices services)
    {
        await using var db = services.Get<SchoolStore>().Read();
        return await db.Outbox.AsNoTracking().SingleAsync(m => m.Kind == Webhooks.Kind);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_webhook_that_does_not_answer_in_time_is_retried_later_and_then_delivered(DatabaseProvider engine)
    {
        await using var setup = await CreateAsync(engine, timeout: TimeSpan.FromMilliseconds(300));
        var worker = setup.Services.Get<OutboxWorker>();
        setup.Las.Answer = async ct =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return new HttpResponseMessage(HttpStatusCode.NoContent);
        };

        Assert.True(await worker.RunOneAsync(TestContext.Current.CancellationToken));

        var failed = await WebhookMessageAsync(setup.Services);
        Assert.Null(failed.CompletedAt);
        Assert.Null(failed.FailedAt);
        Assert.Equal("Test-LAS: geen antwoord binnen 0.3 s", failed.LastError);

        setup.Las.Answer = _ => Task.FromResult(new HttpResponseMessage(HttpStatusCode.NoContent));
        setup.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.True(await worker.RunOneAsync(TestContext.Current.CancellationToken));

        Assert.NotNull((await WebhookMessageAsync(setup.Services)).CompletedAt);
        Assert.Equal(2, setup.Las.Received.Count);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_LAS_gets_a_camelCase_body_signed_with_a_timestamp_and_the_same_delivery_id_on_every_retry(DatabaseProvider engine)
    {
        await using var setup = await CreateAsync(engine);
        var worker = setup.Services.Get<OutboxWorker>();
        setup.Las.Answer = _ => Task.FromResult(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));
        Assert.True(await worker.RunOneAsync(TestContext.Current.CancellationToken));
        setup.Las.Answer = _ => Task.FromResult(new HttpResponseMessage(HttpStatusCode.NoContent));
        setup.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.True(await worker.RunOneAsync(TestContext.Current.CancellationToken));

        var deliveries = setup.Las.Received.ToList();
        Assert.Equal(2, deliveries.Count);
        var sentAt = new[] { setup.Time.GetUtcNow() - TimeSpan.FromMinutes(1), setup.Time.GetUtcNow() };
        for (var i = 0; i < deliveries.Count; i++)
        {
            var (request, body) = deliveries[i];
            var timestamp = Assert.Single(request.Headers.GetValues("X-Oso-Timestamp"));
            Assert.Equal(sentAt[i].ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), timestamp);
            // what a LAS computes: HMAC-SHA256 with its secret over "{timestamp}.{body}"
            var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), (byte[])[.. Encoding.UTF8.GetBytes(timestamp + "."), .. body]));
            Assert.Equal(expected, Assert.Single(request.Headers.GetValues("X-Oso-Signature")));
            using var json = JsonDocument.Parse(body);
            Assert.Equal(["gebeurtenis", "id", "brin", "bronBrin", "aanmeldingId", "ontvangenOp"], json.RootElement.EnumerateObject().Select(p => p.Name));
            Assert.Equal("dossier.ontvangen", json.RootElement.GetProperty("gebeurtenis").GetString());
            Assert.Equal(setup.DossierId, json.RootElement.GetProperty("id").GetGuid());
            Assert.Equal(Brin, json.RootElement.GetProperty("brin").GetString());
        }
        var ids = deliveries.Select(d => Assert.Single(d.Request.Headers.GetValues("X-Oso-Delivery"))).ToList();
        Assert.True(Guid.TryParse(ids[0], out _));
        Assert.Equal(ids[0], ids[1]); // a retry is the same delivery: the LAS drops the duplicate
        Assert.NotEqual(deliveries[0].Request.Headers.GetValues("X-Oso-Signature"), deliveries[1].Request.Headers.GetValues("X-Oso-Signature"));
    }
}
