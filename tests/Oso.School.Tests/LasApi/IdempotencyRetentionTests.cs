using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Oso.School.Audit;
using Oso.School.Doel;
using Oso.School.LasApi;
using Oso.School.Storage;
using Oso.School.Tenancy;
using Oso.School.Tests.Retention;
using Oso.Testing;

namespace Oso.School.Tests.LasApi;

/// <summary>
/// An <c>Idempotency-Key</c> of <c>POST …/aanvragen</c> answers repeats for <c>Retention:IdempotencyKeys</c> (a day by default) and is then removed by the daily
/// retention job; after that the same key starts a new request (the LAS's retries are long over).
/// </summary>
public sealed class IdempotencyRetentionTests
{
    private const string Brin = "92VO";
    private static readonly DateTimeOffset T0 = new(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_key_answers_repeats_for_a_day_and_is_purged_after_it(DatabaseProvider engine)
    {
        var ct = TestContext.Current.CancellationToken;
        var time = new FakeTimeProvider(T0);
        await using var services = await TestServices.CreateAsync(engine, s => s.AddSingleton<TimeProvider>(time));
        await AnswersRepeatsThenStartsAgainAsync(services, time, keptFor: TimeSpan.FromDays(1), ct);
    }

    [Fact]
    public async Task Retention_IdempotencyKeys_sets_how_long_a_key_answers_repeats()
    {
        var ct = TestContext.Current.CancellationToken;
        var time = new FakeTimeProvider(T0);
        var keptFor = TimeSpan.FromDays(3);
        await using var services = await TestServices.CreateAsync(DatabaseProvider.Sqlite, s =>
        {
            s.AddSingleton<TimeProvider>(time);
            var options = (SchoolOptions)s.Single(d => d.ServiceType == typeof(SchoolOptions)).ImplementationInstance!;
            s.Replace(ServiceDescriptor.Singleton(options with { Retention = options.Retention with { IdempotencyKeys = keptFor } }));
        });
        await AnswersRepeatsThenStartsAgainAsync(services, time, keptFor, ct);
    }

    /// <summary>A repeat just before <paramref name="keptFor"/> gets the first request; the daily run after it removes the key, and the same key starts a new request.</summary>
    private static async Task AnswersRepeatsThenStartsAgainAsync(TestServices services, FakeTimeProvider time, TimeSpan keptFor, CancellationToken ct)
    {
        var admin = services.Get<SchoolAdmin>();
        await admin.AddSchoolAsync(Brin, "OSO testschool VO", "VO", "Utrecht", cancellationToken: ct);
        var (clientId, _) = await admin.CreateLasClientAsync(Brin, "Test-LAS", cancellationToken: ct);
        LasClient client;
        await using (var db = services.Get<SchoolStore>().Read())
            client = await db.LasClients.AsNoTracking().FirstAsync(c => c.Id == clientId, ct);
        var aanmeldingen = services.Get<Aanmeldingen>();
        var aanmelding = Assert.IsType<DoelResult.Ok>(await aanmeldingen.RegisterAsync(Brin, new AanmeldingInput("999991073", new DateOnly(2014, 5, 1), "91PO"),
            Actor.Las(clientId), ct)).Id;
        var idempotency = services.Get<LasIdempotency>();
        var hash = LasIdempotency.RequestHash("aanvragen", aanmelding.ToString(), LasIdempotency.Part(null));
        Task<IdempotentResult> AskAsync() => idempotency.RunAsync(client, Brin, "sleutel-1", hash,
            db => aanmeldingen.QueueRequestAsync(db, Brin, aanmelding, "Las", null, Actor.Las(clientId), ct), ct);

        var first = Assert.IsType<DoelResult.Ok>(Assert.IsType<IdempotentResult.First>(await AskAsync()).Result).Id;
        await RetentionTests.PurgeAtAsync(services, time, T0 + keptFor - TimeSpan.FromHours(1));
        Assert.Equal(first, Assert.IsType<IdempotentResult.Repeat>(await AskAsync()).RequestId);

        await RetentionTests.PurgeAtAsync(services, time, T0 + keptFor + TimeSpan.FromHours(16)); // the next day's run
        await using (var db = services.Get<SchoolStore>().Read())
            Assert.False(await db.LasIdempotencyKeys.AnyAsync(ct));
        var later = Assert.IsType<DoelResult.Ok>(Assert.IsType<IdempotentResult.First>(await AskAsync()).Result).Id;
        Assert.NotEqual(first, later);
        await using (var db = services.Get<SchoolStore>().Read())
            Assert.Equal(2, await db.TransferRequests.CountAsync(r => r.AanmeldingId == aanmelding, ct));
    }
}
