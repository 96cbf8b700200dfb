using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Oso.School.Audit;
using Oso.School.Crypto;
using Oso.School.Doel;
using Oso.School.LasApi;
using Oso.School.Tests.LasApi;
using Oso.School.Outbox;
using Oso.School.Storage;
using Oso.School.Tenancy;
using Oso.Testing;

namespace Oso.School.Tests.Doel;

/// <summary>
/// A transfer the outbox gives up on (here: the Traffic Center never answers; the test node's Traffic Center is a closed
/// port) must end visibly for the LAS, with its key removed — not hang in Wachtrij or Bezig for ever.
/// </summary>
public sealed class TransferGiveUpTests
{
    private const string Brin = "92VO";
    private static readonly OutboxOptions TwoAttempts = new() { MaxAttempts = 2 };

    private static async Task<(TestServices Services, FakeTimeProvider Time, Guid Request)> RequestedAsync(DatabaseProvider engine,
        Func<HttpMessageHandler>? webhookEndpoint = null)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2027, 3, 1, 9, 0, 0, TimeSpan.Zero));
        var services = await TestServices.CreateAsync(engine, s =>
        {
            s.AddSingleton<TimeProvider>(time);
            if (webhookEndpoint is not null) s.AddHttpClient("webhooks").ConfigurePrimaryHttpMessageHandler(webhookEndpoint);
        });
        var admin = services.Get<SchoolAdmin>();
        await admin.AddSchoolAsync(Brin, "OSO testschool VO", "VO", "Utrecht");
        if (webhookEndpoint is not null)
        {
            var (client, _) = await admin.CreateLasClientAsync(Brin, "Test-LAS");
            await admin.SetWebhookAsync(Brin, client, "https://las.example/oso/webhook", "geheim");
        }
        await admin.AddAanleverpuntAsync(Brin, "0000000700092VO00001");
        var aanmeldingen = services.Get<Aanmeldingen>();
        var aanmelding = Assert.IsType<DoelResult.Ok>(await aanmeldingen.RegisterAsync(Brin, new AanmeldingInput("999991073", new DateOnly(2014, 5, 1), "91PO"),
            Actor.Medewerker("test"), TestContext.Current.CancellationToken));
        var request = Assert.IsType<DoelResult.Ok>(await aanmeldingen.RequestAsync(Brin, aanmelding.Id, "Las", null, Actor.Medewerker("test"),
            TestContext.Current.CancellationToken));
        return (services, time, request.Id);
    }

    private static async Task RunUntilGivenUpAsync(TestServices services, FakeTimeProvider time)
    {
        var worker = ActivatorUtilities.CreateInstance<OutboxWorker>(services.Provider, Options.Create(TwoAttempts));
        Assert.True(await worker.RunOneAsync(TestContext.Current.CancellationToken));
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.True(await worker.RunOneAsync(TestContext.Current.CancellationToken));
        time.Advance(TimeSpan.FromHours(2));
        Assert.True(await worker.RunOneAsync(TestContext.Current.CancellationToken)); // the staff notice queued with the give-up (no staff here: no mail)
        Assert.False(await worker.RunOneAsync(TestContext.Current.CancellationToken)); // given up: nothing left to run
    }

    private static async Task<TransferRequest> RequestRowAsync(TestServices services, Guid id)
    {
        await using var db = services.Get<SchoolStore>().Read();
        return await db.TransferRequests.AsNoTracking().SingleAsync(r => r.Id == id, TestContext.Current.CancellationToken);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_transfer_given_up_before_a_session_ends_Mislukt_and_says_what_failed_and_who_must_act(DatabaseProvider engine)
    {
        var (services, time, id) = await RequestedAsync(engine);
        await using var _ = services;

        await RunUntilGivenUpAsync(services, time);

        var shown = DoelApi.ToDto(await RequestRowAsync(services, id)); // what GET …/aanvragen/{id} answers
        Assert.Equal("Mislukt", shown.Status);
        Assert.Equal(time.GetUtcNow(), shown.Afgerond!.Value.AddHours(2));
        var last = shown.Stappen[^1];
        Assert.Equal("Afgebroken", last.Stap);
        Assert.False(last.Geslaagd);
        Assert.Contains("2 pogingen", last.Toelichting);
        Assert.Contains("geen sessie bij het Traffic Center", last.Toelichting);
        Assert.Contains("Actie voor de school: vraag het dossier opnieuw op", last.Toelichting);
        Assert.Contains("Actie voor de beheerder", last.Toelichting);
        Assert.Equal(last.Toelichting, shown.Toelichting);
        await using var db = services.Get<SchoolStore>().Read();
        var audited = await db.Audit.Where(a => a.Brin == Brin).OrderBy(a => a.Sequence).Select(a => a.Action + " " + a.Detail).ToListAsync();
        Assert.Equal("overdracht.afgerond status=Mislukt", audited[^1]);
        Assert.Null(await AuditLog.VerifyAsync(db, Brin));
    }

    [Fact]
    public async Task A_transfer_given_up_while_its_afmelding_fails_ends_Mislukt_and_its_key_is_removed()
    {
        var (services, time, id) = await RequestedAsync(DatabaseProvider.Sqlite);
        await using var _ = services;
        // the session was granted and the bron asked (no aanleverpunten); only the afmelding is left, and it fails
        var crypto = services.Get<ProtectedDossiers>();
        await services.Get<SchoolStore>().WriteAsync(async db =>
        {
            var row = await db.TransferRequests.SingleAsync(r => r.Id == id);
            row.Status = TransferStatus.Bezig;
            row.SessieId = Guid.NewGuid();
            row.Aanleverpunten = "[]";
            row.Geheim = crypto.ProtectJson(Brin, "zoeksleutel-k", ProtectedDossiers.Contexts.Geheim(id));
        });

        await RunUntilGivenUpAsync(services, time);

        var row = await RequestRowAsync(services, id);
        Assert.Equal("Mislukt", row.Status);
        Assert.Null(row.Geheim);
        var shown = DoelApi.ToDto(row);
        Assert.Contains("de afmelding bij het Traffic Center lukte niet", shown.Stappen[^1].Toelichting);
        Assert.Equal(["Aanvraag", "Afmelding", "Afmelding", "Afgebroken"], shown.Stappen.Select(s => s.Stap));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_LAS_is_told_by_webhook_that_its_request_failed_with_what_failed_and_who_must_act(DatabaseProvider engine)
    {
        var las = new LasEndpoint();
        var (services, time, id) = await RequestedAsync(engine, () => las);
        await using var _ = services;
        var worker = ActivatorUtilities.CreateInstance<OutboxWorker>(services.Provider, Options.Create(TwoAttempts));

        Assert.True(await worker.RunOneAsync(TestContext.Current.CancellationToken));
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.True(await worker.RunOneAsync(TestContext.Current.CancellationToken)); // the second attempt: given up
        Assert.Empty(las.Received);
        // the webhook and the staff notice queued with it (no staff here: no mail), in either order
        Assert.True(await worker.RunOneAsync(TestContext.Current.CancellationToken));
        Assert.True(await worker.RunOneAsync(TestContext.Current.CancellationToken));

        using var body = System.Text.Json.JsonDocument.Parse(Assert.Single(las.Received).Body);
        var root = body.RootElement;
        Assert.Equal(["gebeurtenis", "id", "brin", "aanmeldingId", "status", "resultaat", "toelichting", "afgerondOp"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("aanvraag.afgerond", root.GetProperty("gebeurtenis").GetString());
        Assert.Equal(id, root.GetProperty("id").GetGuid());
        Assert.Equal("Mislukt", root.GetProperty("status").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, root.GetProperty("resultaat").ValueKind);
        Assert.Contains("Actie voor de school: vraag het dossier opnieuw op", root.GetProperty("toelichting").GetString());
        Assert.DoesNotContain("999991073", body.RootElement.GetRawText()); // no PGN in what the LAS is sent unasked
        Assert.False(await worker.RunOneAsync(TestContext.Current.CancellationToken)); // delivered once, nothing left
    }
}
