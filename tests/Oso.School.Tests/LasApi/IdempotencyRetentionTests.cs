using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
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
/// An <c>Idempotency-Key</c> of <c>POST …/aanvragen</c> answers repeats for a day and is then removed by the daily
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
        var admin = services.Get<SchoolAdmin>();
        await admin.AddSchoolAsync(Brin, "OSO testschool VO", "VO", "Utrecht");
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
        await RetentionTests.PurgeAtAsync(services, time, T0 + TimeSpan.FromHours(23));
        Assert.Equal(first, Assert.IsType<IdempotentResult.Repeat>(await AskAsync()).RequestId);

        await RetentionTests.PurgeAtAsync(services, time, T0 + TimeSpan.FromHours(40)); // the next day's run
        await using (var db = services.Get<SchoolStore>().Read())
            Assert.False(await db.LasIdempotencyKeys.AnyAsync(ct));
        var later = Assert.IsType<DoelResult.Ok>(Assert.IsType<IdempotentResult.First>(await AskAsync()).Result).Id;
        Assert.NotEqual(first, later);
        await using (var db = services.Get<SchoolStore>().Read())
            Assert.Equal(2, await db.TransferRequests.CountAsync(r => r.AanmeldingId == aanmelding, ct));
    }
}
