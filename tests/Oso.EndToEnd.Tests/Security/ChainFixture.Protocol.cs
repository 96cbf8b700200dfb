using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using Oso.Central.Register;
using Oso.Cli.Demo;
using Oso.Cli.Up;
using Oso.Dossier.Identifiers;
using Oso.EndToEnd.Tests.Security.Matrix;
using Oso.Protocol.Client;
using Oso.Protocol.Identifiers;
using Oso.Protocol.Messages;
using Oso.Protocol.Security;
using Oso.School.Bron;
using Oso.School.LasApi;
using Oso.School.Protocol;
using Oso.School.Storage;

namespace Oso.EndToEnd.Tests;

/// <summary>
/// The chain as another party on the wire sees it: SOAP clients with the node's own system certificate or with
/// another vendor's, sessions opened at the real Traffic Center, and the node's database to prove what changed.
/// </summary>
public abstract partial class ChainFixture
{
    /// <summary>Another vendor's system: registered and qualified at Central, with a certificate of the same CA.</summary>
    public const string OtherSystemId = "ander-las";

    private X509Certificate2? _otherSystem;
    private DevelopmentCertificateAuthority? _ca;

    /// <summary>The node's outgoing connections (its system certificate and its validator).</summary>
    public NodeConnections Node => Chain.School.Services.GetRequiredService<NodeConnections>();

    /// <summary>The demo system (the node's own certificate), calling out as the node does.</summary>
    public OsoSoapClient DemoSystem => Node.Client;

    /// <summary>The chain's development CA (with its key), to make certificates the tests need.</summary>
    public DevelopmentCertificateAuthority Ca => _ca ??= Own(DevelopmentCertificateAuthority.Load(Chain.Central.CertificateAuthorityDirectory, TimeProvider.System));

    /// <summary>The certificate of <see cref="OtherSystemId"/>: a valid, qualified system of another vendor.</summary>
    public async Task<X509Certificate2> OtherSystemAsync()
    {
        await _extra.WaitAsync();
        try
        {
            if (_otherSystem is not null) return _otherSystem;
            var admin = Chain.Central.Admin;
            _ = (await admin.AddSystemAsync(new NieuwSysteem(OtherSystemId, "Ander LAS", "Andere Leverancier BV"))).Zeker;
            _ = (await admin.ApproveSystemAsync(OtherSystemId)).Zeker;
            return _otherSystem = Own((await admin.IssueCertificateAsync(OtherSystemId)).Zeker.Certificaat);
        }
        finally
        {
            _extra.Release();
        }
    }

    private readonly Dictionary<string, Wire> _staff = [];

    /// <summary>
    /// A demo staff account (<c>po-medewerker</c>, <c>vo-medewerker</c>, …), signed in to the School portal; once per
    /// chain and account (the first code sets two-step verification up).
    /// </summary>
    public async Task<Wire> StaffAsync(string account, CancellationToken ct)
    {
        await _extra.WaitAsync(ct);
        try
        {
            if (_staff.TryGetValue(account, out var signedIn)) return signedIn;
            var wire = Own(new Wire(account, Node.Validator, cookies: true));
            await wire.StaffSignInAsync(Chain.School.PortalUrl,
                Chain.State.Logins.Single(l => l.Waar == "School-portaal" && l.Email.StartsWith(account + "@", StringComparison.Ordinal)), ct);
            return _staff[account] = wire;
        }
        finally
        {
            _extra.Release();
        }
    }

    /// <summary>A SOAP client presenting <paramref name="certificate"/> and trusting the chain's anchor; a new connection per call.</summary>
    public OsoSoapClient SoapClient(X509Certificate2 certificate) =>
        new(Own(OsoHttpClientFactory.Create(new OsoClientOptions(certificate, Node.Validator) { PooledConnectionLifetime = TimeSpan.Zero })));

    /// <summary>The protocol URL of a demo school's aanleverpunt.</summary>
    public Uri AanleverpuntUrl(DemoSchool school) => Chain.School.AanleverpuntUrl(school.RouteringsKenmerk);

    /// <summary>The routing from <paramref name="bron"/> to <paramref name="doel"/> (their first aanleverpunten).</summary>
    public static Routering Routing(DemoSchool bron, DemoSchool doel) => new(Brin.Parse(bron.Brin), RouteringsKenmerk.Parse(bron.RouteringsKenmerk),
        Brin.Parse(doel.Brin), RouteringsKenmerk.Parse(doel.RouteringsKenmerk));

    /// <summary>The pupil's PGN.</summary>
    public static Pgn PgnOf(Dossier.Model.Dossier pupil) => Pgn.Parse((pupil.Huidigeschool.Leerling.Bsn ?? pupil.Huidigeschool.Leerling.Onderwijsnummer)!);

    /// <summary>A new pupil of the demo primary school, delivered, seen by the parents and released.</summary>
    public async Task<(Dossier.Model.Dossier Pupil, string LasId)> ReleasedPupilAsync(CancellationToken ct, long attachmentSize = 8 * 1024)
    {
        var pupil = NewPupil(attachmentSize: attachmentSize);
        var lasId = "L" + Guid.NewGuid().ToString("N")[..10];
        using var po = Po;
        await po.DeliverAsync(lasId, pupil, ct);
        await po.RecordInzageAsync(lasId, new InzageInput(Today, "Ja", null, null), ct);
        await po.ReleaseAsync(lasId, ct);
        return (pupil, lasId);
    }

    /// <summary>
    /// Waits until no spool file of this process is open in the system's temporary directory (the bron's answers and the
    /// doel's captures, ADR 0014): the answer's spool file is closed only after its last byte went out. Fails after 30 s.
    /// </summary>
    public static async Task NoSpoolFileLeftAsync(CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));
        while (GegevenssetXmlWriteStream.OpenSpoolFiles(Path.GetTempPath()) > 0)
        {
            if (deadline.IsCancellationRequested)
                Assert.Fail($"{GegevenssetXmlWriteStream.OpenSpoolFiles(Path.GetTempPath())} spool file(s) still open after 30 s.");
            await Task.Delay(20, CancellationToken.None);
        }
    }

    /// <summary>A released pupil of the demo primary school, registered (aanmelding) at the demo VO school through its LAS API.</summary>
    public async Task<Guid> RegisteredPupilAsync(CancellationToken ct)
    {
        var (pupil, _) = await ReleasedPupilAsync(ct);
        using var vo = Vo;
        var leerling = pupil.Huidigeschool.Leerling;
        return await vo.RegisterAsync(new AanmeldingDto(PgnOf(pupil).Value, leerling.Geboortedatum!.Value, Chain.State.Po.Brin, BronDossiers.Name(leerling), null), ct);
    }

    /// <summary>Opens a session at the real Traffic Center as the demo system (doel: the demo VO school, bron: the demo PO school).</summary>
    public async Task<SessieId> OpenSessionAsync(Pgn pgn, ZoeksleutelGeheim geheim, CancellationToken ct)
    {
        var (bron, doel) = (Chain.State.Po, Chain.State.Vo);
        var answer = await DemoSystem.SendAsync(Chain.Central.TrafficCenterUrl, new OverdrachtRequest(Brin.Parse(bron.Brin), null, Brin.Parse(doel.Brin),
            RouteringsKenmerk.Parse(doel.RouteringsKenmerk), new SessieSleutel.Zoek(Zoeksleutel.Bereken(pgn, geheim)), Overdrachtsoort.Overstapdossier), ct);
        var granted = Assert.IsType<OverdrachtResponse.Toegekend>(Assert.IsType<OsoCallResult<OverdrachtResponse>.Success>(answer).Response);
        Assert.Contains(granted.Aanleverpunten, a => a.RouteringsKenmerk.Value == bron.RouteringsKenmerk);
        return granted.SessieId;
    }

    /// <summary>A documentRequest from the demo VO school to the demo PO school in <paramref name="sessie"/>.</summary>
    public DocumentRequest DocumentRequest(SessieId sessie, Pgn pgn, ZoeksleutelGeheim geheim) =>
        new(Routing(Chain.State.Po, Chain.State.Vo), sessie, Overdrachtsoort.Overstapdossier, new DocumentSleutel.Leerling(pgn, geheim), null);

    /// <summary>The node's database, to read what changed.</summary>
    public SchoolDbContext ReadNode() => Chain.School.Services.GetRequiredService<SchoolStore>().Read();

    private T Own<T>(T disposable) where T : IDisposable
    {
        lock (_owned) _owned.Add(disposable);
        return disposable;
    }
}
