using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Oso.Cli;
using Oso.Cli.Conformance;
using Oso.Cli.Demo;
using Oso.Cli.Up;
using Oso.Conformance;
using Oso.School.Bron;
using Oso.School.LasApi;
using Oso.Synthetic;
using Oso.Testing;

namespace Oso.EndToEnd.Tests.OpenProtocol;

/// <summary>
/// CI runs the conformance kit against OpenOSO's own Traffic Center and node: every role, every scenario passing,
/// at least 20 per role. The kit has its own identity at Central (as <c>oso conformance inrichten</c> makes it).
/// </summary>
public sealed class ConformanceKitTests(KitChain fixture) : IClassFixture<KitChain>, IAsyncLifetime
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private KitIdentiteit _kit = null!;
    private X509Certificate2 _kitCertificaat = null!;
    private X509Certificate2 _anker = null!;

    public async ValueTask InitializeAsync()
    {
        _kit = await fixture.KitAsync(_ct);
        _kitCertificaat = X509Certificate2.CreateFromPemFile(_kit.Certificaat, _kit.Sleutel);
        _anker = X509CertificateLoader.LoadCertificateFromFile(_kit.TrustAnchor);
    }

    public ValueTask DisposeAsync()
    {
        _kitCertificaat?.Dispose();
        _anker?.Dispose();
        return ValueTask.CompletedTask;
    }

    private KitOpties Opties(ConformanceRol rol, Uri target) => new()
    {
        Rol = rol, Target = target, Certificaat = _kitCertificaat, TrustAnchors = [_anker],
        TrafficCenter = fixture.Chain.Central.TrafficCenterUrl, DoelAanleverpunt = KitIdentiteiten.Doel.RouteringsKenmerk,
        Wacht = TimeSpan.FromSeconds(60),
    };

    [Fact]
    public async Task The_traffic_center_passes_every_tc_scenario_through_the_cli_with_all_three_reports()
    {
        var map = Path.Combine(fixture.DataDirectory, "rapport-tc");
        Directory.CreateDirectory(map);
        var (junit, html) = (Path.Combine(map, "tc.junit.xml"), Path.Combine(map, "tc.html"));
        var (exit, stdout, stderr) = await CliAsync("conformance", "tc", "--target", fixture.Chain.Central.TrafficCenterUrl.ToString(),
            "--cert", _kit.Certificaat, "--key", _kit.Sleutel, "--trust-anchor", _kit.TrustAnchor,
            "--doel", KitIdentiteiten.Doel.RouteringsKenmerk, "--bron", KitIdentiteiten.Bron.RouteringsKenmerk,
            "--ongekwalificeerd", KitIdentiteiten.Ongekwalificeerd.RouteringsKenmerk, "--zonder-mandaat", KitIdentiteiten.ZonderMandaat.RouteringsKenmerk,
            "--json", "--junit", junit, "--html", html);

        Assert.True(exit == ExitCodes.Ok, stderr);
        var rapport = AllesInOrde(Encoding.UTF8.GetBytes(stdout), ConformanceRol.Tc);
        Assert.Contains(rapport.Scenarios, s => s.Id == "tc.overdracht.geen-mandaat" && s.Status == ScenarioStatus.Passed);
        var suite = XDocument.Parse(await File.ReadAllTextAsync(junit, _ct)).Root!.Element("testsuite")!;
        Assert.Equal(rapport.Scenarios.Count, (int)suite.Attribute("tests")!);
        Assert.Equal("0", suite.Attribute("failures")!.Value);
        Assert.Equal(rapport.Scenarios.Count, suite.Elements("testcase").Count());
        var page = await File.ReadAllTextAsync(html, _ct);
        Assert.Contains("Geslaagd: alle verplichte scenario", page);
        Assert.Contains("lang=\"nl\"", page);
    }

    [Fact]
    public async Task The_node_passes_every_bron_scenario()
    {
        var opties = Opties(ConformanceRol.Bron, fixture.Chain.School.AanleverpuntUrl(DemoSchools.Po.RouteringsKenmerk)) with
        {
            // a primary school cannot release a dossier without inzage, so it has no LeerlinginfoNietOpvraagbaar to give
            Pgns = TestPgns.Testschool with { NietOpvraagbaar = null },
            // another approved system's certificate: the node binds the documentRequest to the system that opened the session
            AnderCertificaat = await fixture.OtherSystemAsync(),
        };
        var rapport = AllesInOrde((await ConformanceKit.RunAsync(opties, cancellationToken: _ct)).ToJson(), ConformanceRol.Bron, optioneelOvergeslagen: 1);
        Assert.Contains(rapport.Scenarios, s => s.Id == "bron.resultaat.niet-opvraagbaar" && s.Status == ScenarioStatus.Skipped);
        Assert.Contains(rapport.Scenarios, s => s.Id == "bron.autorisatie.ander-systeem" && s.Status == ScenarioStatus.Passed);
    }

    [Fact]
    public async Task The_test_school_passes_every_bron_scenario_too()
    {
        var rapport = AllesInOrde((await ConformanceKit.RunAsync(Opties(ConformanceRol.Bron, fixture.Chain.Central.TestschoolUrl), cancellationToken: _ct)).ToJson(),
            ConformanceRol.Bron, optioneelOvergeslagen: 1);
        Assert.Contains(rapport.Scenarios, s => s.Id == "bron.resultaat.niet-opvraagbaar" && s.Status == ScenarioStatus.Passed);
    }

    [Fact]
    public async Task The_node_passes_every_doel_scenario_with_the_test_school_as_counterpart()
    {
        var tls = Path.Combine(fixture.DataDirectory, "school", "tls");
        using var node = X509Certificate2.CreateFromPemFile(Path.Combine(tls, "system.crt.pem"), Path.Combine(tls, "system.key.pem"));
        using var vo = fixture.Vo;
        var opties = Opties(ConformanceRol.Doel, fixture.Chain.School.AanleverpuntUrl(DemoSchools.Vo.RouteringsKenmerk)) with
        {
            Certificaat = node, DoelAanleverpunt = null, Register = fixture.Chain.Central.PortalUrl, Aansturing = new LasAansturing(vo),
        };
        var json = (await ConformanceKit.RunAsync(opties, cancellationToken: _ct)).ToJson();
        AllesInOrde(json, ConformanceRol.Doel);

        // qualification: the supplier hands the signed report to Central (its system certificate on the portal listener) ...
        using var http = fixture.NodeHttpClient(node);
        var url = new Uri(fixture.Chain.Central.PortalUrl, "/api/leverancier/conformance");
        using var ingediend = await http.PostAsync(url, new ByteArrayContent(json), _ct);
        Assert.True(ingediend.IsSuccessStatusCode, await ingediend.Content.ReadAsStringAsync(_ct));
        var id = JsonDocument.Parse(await ingediend.Content.ReadAsStringAsync(_ct)).RootElement.GetProperty("id").GetGuid();
        // ... a changed report is refused, and so is one signed by another system (the kit's) or of another system's aanleverpunt
        var vervalst = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(json).Replace("\"status\": \"passed\"", "\"status\": \"skipped\"", StringComparison.Ordinal));
        using var vervalstAntwoord = await http.PostAsync(url, new ByteArrayContent(vervalst), _ct);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, vervalstAntwoord.StatusCode);
        Assert.Contains("handtekening klopt niet", await vervalstAntwoord.Content.ReadAsStringAsync(_ct));
        var bronRapport = (await ConformanceKit.RunAsync(Opties(ConformanceRol.Bron, fixture.Chain.School.AanleverpuntUrl(DemoSchools.Vo.RouteringsKenmerk)), cancellationToken: _ct)).ToJson();
        using (var anderSysteem = await http.PostAsync(url, new ByteArrayContent(bronRapport), _ct))
            Assert.Contains("niet door 'openoso-demo'", await anderSysteem.Content.ReadAsStringAsync(_ct));
        using var kit = fixture.NodeHttpClient(_kitCertificaat);
        using (var vreemdAanleverpunt = await kit.PostAsync(url, new ByteArrayContent(bronRapport), _ct))
        {
            Assert.Equal(System.Net.HttpStatusCode.Forbidden, vreemdAanleverpunt.StatusCode);
            Assert.Contains("geen aanleverpunt van systeem", await vreemdAanleverpunt.Content.ReadAsStringAsync(_ct));
        }

        // the reviewer sees every scenario and approves: the system is qualified by it
        var admin = fixture.Chain.Central.Admin;
        var rapport = Assert.Single(await admin.ConformanceAsync(DemoChain.SysteemId, _ct));
        Assert.Equal(id, rapport.Id);
        Assert.Equal(ConformanceRapport.FromJson(json)!.Scenarios, rapport.Scenarios);
        Assert.True((await admin.ReviewConformanceAsync(id, goedgekeurd: true, "Alle scenario's in orde.", _ct)).Gelukt);
        Assert.StartsWith("conformancerapport doel", (await admin.SystemAsync(DemoChain.SysteemId, _ct)).Zeker.KwalificatieBewijs);
    }

    [Fact]
    public async Task A_target_that_does_not_conform_fails_the_run_with_exit_code_1()
    {
        // the kit's doel aanleverpunt is not the test school's: every session refused, so the overdracht scenarios fail
        var (exit, stdout, stderr) = await CliAsync("conformance", "bron", "--target", fixture.Chain.Central.TestschoolUrl.ToString(),
            "--traffic-center", fixture.Chain.Central.TrafficCenterUrl.ToString(), "--cert", _kit.Certificaat, "--key", _kit.Sleutel,
            "--trust-anchor", _kit.TrustAnchor, "--doel", KitIdentiteiten.Doel.RouteringsKenmerk, "--pgn-geleverd", "999991565", "--json");

        Assert.Equal(ExitCodes.Failed, exit);
        var rapport = ConformanceRapport.FromJson(Encoding.UTF8.GetBytes(stdout))!;
        Assert.False(rapport.Geslaagd);
        var mislukt = Assert.Single(rapport.Scenarios, s => s.Id == "bron.levering.geleverd");
        Assert.Equal(ScenarioStatus.Failed, mislukt.Status);
        Assert.Contains("LeerlinginfoNietBeschikbaar", mislukt.Toelichting);
        Assert.Contains("NIET GESLAAGD", stderr);
    }

    /// <summary>Checks the report: signed by the kit's system, every scenario passed (or an optional one skipped), at least 20.</summary>
    private ConformanceRapport AllesInOrde(byte[] json, ConformanceRol rol, int optioneelOvergeslagen = 0)
    {
        var controle = RapportOndertekening.Controleer(json);
        var geldig = Assert.IsType<RapportControle.Geldig>(controle);
        var rapport = geldig.Rapport;
        Assert.Equal(rol, rapport.Rol);
        var fouten = rapport.Scenarios.Where(s => s.Status == ScenarioStatus.Failed).Select(s => $"{s.Id}: {s.Toelichting}").ToList();
        Assert.True(fouten.Count == 0, string.Join("\n", fouten));
        Assert.True(rapport.Geslaagd);
        Assert.Equal(optioneelOvergeslagen, rapport.Skipped);
        Assert.All(rapport.Scenarios.Where(s => s.Status == ScenarioStatus.Skipped), s => Assert.False(s.Verplicht));
        Assert.True(rapport.Passed >= 20, $"{rapport.Passed} scenario's");
        Assert.All(rapport.Scenarios, s => Assert.StartsWith("protocol.md §", s.Paragraaf));
        Assert.Equal(rapport.Scenarios.Count, rapport.Scenarios.Select(s => s.Id).Distinct().Count());
        using var json2 = JsonDocument.Parse(json);
        Assert.Equal(rapport.Passed, json2.RootElement.GetProperty("passed").GetInt32());
        Assert.Equal(rapport.Failed, json2.RootElement.GetProperty("failed").GetInt32());
        Assert.Equal(rapport.Skipped, json2.RootElement.GetProperty("skipped").GetInt32());
        return rapport;
    }

    private async Task<(int Exit, string Stdout, string Stderr)> CliAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await OsoCli.RunAsync(args, CliContext.Capture(output, error), _ct);
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>The doel's LAS: an aanmelding for the pupil at the test school, then a request.</summary>
    private sealed class LasAansturing(LasApiClient las) : IDoelAansturing
    {
        private readonly Dictionary<string, Guid> _aanmeldingen = [];

        public async Task VraagAanAsync(DoelAanvraag aanvraag, CancellationToken cancellationToken)
        {
            if (!_aanmeldingen.TryGetValue(aanvraag.Pgn, out var aanmelding))
                _aanmeldingen[aanvraag.Pgn] = aanmelding = await las.RegisterAsync(
                    new AanmeldingDto(aanvraag.Pgn, new DateOnly(2014, 5, 1), aanvraag.BronBrin, null, null), cancellationToken);
            await las.RequestAsync(aanmelding, aanvraag.AlleenGewijzigdSinds, cancellationToken);
        }
    }
}

/// <summary>A chain with the kit's identity registered (once) and the bron's test pupils on the demo primary school.</summary>
public sealed class KitChain : ChainFixture
{
    private readonly SemaphoreSlim _once = new(1, 1);
    private KitIdentiteit? _kit;

    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public async Task<KitIdentiteit> KitAsync(CancellationToken ct)
    {
        await _once.WaitAsync(ct);
        try
        {
            if (_kit is not null) return _kit;
            var kit = await KitIdentiteiten.RegisterAsync(Chain.Central.Admin, KitIdentiteiten.StandaardSysteem, KitIdentiteiten.Standaard,
                Path.Combine(DataDirectory, "conformance"), TimeProvider.System, ct);
            // the bron under test (the demo primary school) holds the test pupils: one released, one not
            using var po = Po;
            var opties = new SyntheticOptions { School = DemoSchools.SyntheticSchool(DemoSchools.Po), AttachmentSize = 8 * 1024 };
            await po.DeliverAsync("conformance-1", SyntheticDossiers.Fixed("povo-akkoord", Today, opties), ct);
            await po.RecordInzageAsync("conformance-1", new InzageInput(Today, "Ja", null, null), ct);
            await po.ReleaseAsync("conformance-1", ct);
            await po.DeliverAsync("conformance-2", SyntheticDossiers.Fixed("niet-vrijgegeven", Today, opties), ct);
            return _kit = kit;
        }
        finally
        {
            _once.Release();
        }
    }
}
