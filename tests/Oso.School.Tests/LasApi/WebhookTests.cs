using System.Collections.Concurrent;
using System.Net;
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

    /// <summary>The LAS's webhook endpoint: keeps what it received and answers as told.</summary>
    private sealed class LasEndpoint : HttpMessageHandler
    {
        public ConcurrentQueue<(HttpRequestMessage Request, byte[] Body)> Received { get; } = new();

        public Func<CancellationToken, Task<HttpResponseMessage>> Answer { get; set; } = _ => Task.FromResult(new HttpResponseMessage(HttpStatusCode.NoContent));

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Received.Enqueue((request, await request.Content!.ReadAsByteArrayAsync(cancellationToken)));
            return await Answer(cancellationToken);
        }
    }

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
}
