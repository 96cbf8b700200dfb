using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Oso.Cli.Demo;
using Oso.School.Bron;
using Oso.School.LasApi;

namespace Oso.EndToEnd.Tests;

/// <summary>
/// The doel school's LAS does not have to poll: its webhook hears that a dossier arrived and that each request ended —
/// with the resultaat and, when the bron must act, what to do.
/// </summary>
public sealed class LasWebhookTests(SqliteChain fixture) : IClassFixture<SqliteChain>, IDisposable
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<JsonDocument> _received = new();

    [Fact]
    public async Task The_LAS_hears_dossier_ontvangen_and_aanvraag_afgerond_for_a_transfer_and_the_reason_for_a_refusal()
    {
        fixture.RequireChain();
        var hook = Listen();
        var doel = await fixture.SecondVoAsync();
        var node = fixture.Chain.School.Admin;
        var (client, _) = await node.CreateLasClientAsync(doel.Brin, "LAS met webhook", cancellationToken: _ct);
        await node.SetWebhookAsync(doel.Brin, client, hook.ToString(), "webhook-geheim", _ct);
        using var po = fixture.Po;
        using var vo = fixture.Las(doel);

        var released = fixture.NewPupil();
        var lasId = "L" + Guid.NewGuid().ToString("N")[..10];
        await po.DeliverAsync(lasId, released, _ct);
        await po.RecordInzageAsync(lasId, new InzageInput(ChainFixture.Today, "Ja", null, null), _ct);
        await po.ReleaseAsync(lasId, _ct);
        var delivered = await RequestAsync(vo, released, po.Brin);
        var notReleased = fixture.NewPupil();
        await po.DeliverAsync("L" + Guid.NewGuid().ToString("N")[..10], notReleased, _ct);
        var refused = await RequestAsync(vo, notReleased, po.Brin);

        var ontvangen = await EventAsync(e => e.GetProperty("gebeurtenis").GetString() == "dossier.ontvangen");
        Assert.Equal(delivered.AanmeldingId, ontvangen.GetProperty("aanmeldingId").GetGuid());
        var geslaagd = await EventAsync(e => e.GetProperty("gebeurtenis").GetString() == "aanvraag.afgerond" && e.GetProperty("id").GetGuid() == delivered.Id);
        Assert.Equal("Klaar", geslaagd.GetProperty("status").GetString());
        Assert.Equal("OverdrachtGeslaagd", geslaagd.GetProperty("resultaat").GetString());
        var geweigerd = await EventAsync(e => e.GetProperty("gebeurtenis").GetString() == "aanvraag.afgerond" && e.GetProperty("id").GetGuid() == refused.Id);
        Assert.Equal("LeerlinginfoNietBeschikbaar", geweigerd.GetProperty("resultaat").GetString());
        Assert.Contains("Actie voor de bronschool", geweigerd.GetProperty("toelichting").GetString());
        Assert.Equal(refused.Toelichting, geweigerd.GetProperty("toelichting").GetString());
        Assert.All(_received, e => Assert.Equal(doel.Brin, e.RootElement.GetProperty("brin").GetString()));
    }

    private async Task<AanvraagDto> RequestAsync(LasApiClient doel, Dossier.Model.Dossier pupil, string bron)
    {
        var leerling = pupil.Huidigeschool.Leerling;
        var aanmelding = await doel.RegisterAsync(new AanmeldingDto((leerling.Bsn ?? leerling.Onderwijsnummer)!, leerling.Geboortedatum!.Value, bron,
            BronDossiers.Name(leerling), null), _ct);
        var request = await doel.WaitForRequestAsync(await doel.RequestAsync(aanmelding, null, _ct), TimeSpan.FromSeconds(60), _ct);
        Assert.Equal("Klaar", request.Status);
        return request;
    }

    private async Task<JsonElement> EventAsync(Func<JsonElement, bool> match)
    {
        for (var i = 0; i < 300; i++)
        {
            if (_received.FirstOrDefault(d => match(d.RootElement)) is { } found) return found.RootElement;
            await Task.Delay(100, _ct);
        }
        throw new TimeoutException("The webhook was not called within 30 s; received: " + string.Join(" | ", _received.Select(d => d.RootElement.GetRawText())));
    }

    // a stand-in for the LAS's webhook endpoint on a free local port
    private Uri Listen()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        var prefix = $"http://127.0.0.1:{port}/las/";
        _listener.Prefixes.Add(prefix);
        _listener.Start();
        _ = Task.Run(async () =>
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }
                using (var reader = new StreamReader(context.Request.InputStream))
                    _received.Enqueue(JsonDocument.Parse(await reader.ReadToEndAsync()));
                context.Response.StatusCode = 204;
                context.Response.Close();
            }
        });
        return new Uri(prefix + "webhook");
    }

    public void Dispose()
    {
        if (_listener.IsListening) _listener.Stop();
        _listener.Close();
        foreach (var d in _received) d.Dispose();
    }
}
