using System.Net;
using Oso.School.Audit;
using Oso.School.Doel;
using Oso.School.Storage;
using Oso.Testing;

namespace Oso.School.Tests.Portal;

public sealed class DoelPagesTests
{
    [Fact]
    public async Task A_request_the_node_gave_up_on_shows_as_failed_with_who_must_act_not_as_still_running()
    {
        await using var node = await PortalNode.StartAsync(DatabaseProvider.Sqlite);
        var aanmeldingen = node.Get<Aanmeldingen>();
        var aanmelding = Assert.IsType<DoelResult.Ok>(await aanmeldingen.RegisterAsync(PortalNode.Vo,
            new AanmeldingInput("999991000", new DateOnly(2014, 5, 1), PortalNode.Po, "Sanne de Vries"), Actor.Node)).Id;
        // the request as TransferRunner leaves it when the outbox gives up (stored directly: no runner races this test)
        var request = Guid.NewGuid();
        var now = TimeProvider.System.GetUtcNow();
        await node.Get<SchoolStore>().WriteAsync(db =>
        {
            db.TransferRequests.Add(new TransferRequest
            {
                Id = request, Brin = PortalNode.Vo, AanmeldingId = aanmelding, Trigger = "Medewerker", Status = TransferStatus.Mislukt, CreatedAt = now, FinishedAt = now,
                Trace = TraceStep.Write([new TraceStep(now, "Afgebroken", "Doelschool " + PortalNode.Vo, null,
                    "De opvraging is afgebroken na 12 pogingen. Actie voor de school: vraag het dossier opnieuw op.", null, false)]),
            });
            return Task.CompletedTask;
        });

        using var staff = node.Client();
        await node.SignInAsync(staff, PortalNode.VoMedewerker);
        var page = await staff.GetAsync($"/scholen/{PortalNode.Vo}/aanvragen/{request}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("mislukt: afgebroken door de node", page.Html);
        Assert.Contains("Actie voor de school: vraag het dossier opnieuw op.", page.Html);
        Assert.DoesNotContain("loopt nog", page.Html);
        Assert.Contains("mislukt: afgebroken door de node", (await staff.GetAsync($"/scholen/{PortalNode.Vo}/aanmeldingen/{aanmelding}")).Html);
    }
}
