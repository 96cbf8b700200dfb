using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Oso.Central;
using Oso.Central.Accounts;
using Oso.Central.Register;
using Oso.Cli.Up;
using Oso.Dossier.Identifiers;
using Oso.Protocol.Client;
using Oso.Protocol.Identifiers;
using Oso.Protocol.Messages;
using Oso.Protocol.Results;
using Oso.Protocol.Security;
using Oso.School.Audit;
using Oso.School.Bron;
using Oso.School.LasApi;
using Oso.School.Parents;
using Oso.School.Protocol;
using Oso.EndToEnd.Tests.Security;
using OtpNet;

namespace Oso.EndToEnd.Tests.Security.Matrix;

/// <summary>A pupil of the demo primary school, released, with what identifies it (kept as secrets the matrix must never see disclosed).</summary>
public sealed record MatrixPupil(string LasId, Guid Id, Pgn Pgn, string Achternaam, DateOnly Geboortedatum);

/// <summary>A session the demo system opened at the Traffic Center for a PO pupil (doel: the demo VO school).</summary>
public sealed record MatrixSession(SessieId Id, Pgn Pgn, ZoeksleutelGeheim Geheim, DocumentRequest Request);

/// <summary>
/// Everyone and everything the matrix needs, set up once on one chain: people signed in to both portals (password and
/// TOTP) in every role, LAS keys, parents' links, system certificates good and bad, and sessions in every state.
/// </summary>
public sealed partial class Parties : IDisposable
{
    public const string Password = "Matrix-OpenOSO-2026!";

    private readonly List<IDisposable> _owned = [];
    private readonly MatrixChain _f;

    private Parties(MatrixChain f) => _f = f;

    public MatrixChain Fixture => _f;

    public DemoChain Chain => _f.Chain;

    public OsoCertificateValidator Validator => _f.Node.Validator;

    // identities on the wire
    public Wire Anonymous { get; private set; } = null!;
    /// <summary>No sign-in, but a browser that keeps cookies (the antiforgery cookie of a form).</summary>
    public Wire AnonymousBrowser { get; private set; } = null!;
    public IReadOnlyDictionary<string, Wire> Tls { get; private set; } = null!;
    public IReadOnlyDictionary<string, Wire> Api { get; private set; } = null!;
    public IReadOnlyDictionary<string, Wire> Portal { get; private set; } = null!;
    public Wire DemoSystem { get; private set; } = null!;
    public Wire OtherSystem { get; private set; } = null!;
    public Wire LasPo { get; private set; } = null!;
    public Wire LasVo { get; private set; } = null!;
    public Wire LasRevoked { get; private set; } = null!;
    public Wire PoMedewerker { get; private set; } = null!;
    public Wire PoBeheerder { get; private set; } = null!;
    public Wire VoMedewerker { get; private set; } = null!;
    public Wire ParentA { get; private set; } = null!;
    public Wire ParentB { get; private set; } = null!;
    public Wire ParentExpiring { get; private set; } = null!;

    // data
    public MatrixPupil PupilA { get; private set; } = null!;
    public MatrixPupil PupilB { get; private set; } = null!;
    public string ExpiringLinkToken { get; private set; } = "";
    public Guid VoAanmelding { get; private set; }
    public Guid VoRequest { get; private set; }
    public Guid VoReceived { get; private set; }

    /// <summary>A finished bulk action (release pupil A again) of the primary school, started by its medewerker.</summary>
    public Guid PoBulkJob { get; private set; }
    public MatrixSession Open { get; private set; } = null!;
    public MatrixSession Closed { get; private set; } = null!;
    public MatrixSession Replayed { get; private set; } = null!;
    public MatrixSession Expiring { get; private set; } = null!;
    public MatrixSession Testschool { get; private set; } = null!;
    public SessieId CrossSession { get; private set; }
    public SessieId NotifiedSession { get; private set; }
    public Guid OtherBoardMandate { get; private set; }
    public string DemoCertificateSerial { get; private set; } = "";
    public DemoSchool Unqualified { get; private set; } = null!;
    public DemoSchool Unmandated { get; private set; } = null!;
    public DemoSchool SecondVo { get; private set; } = null!;

    /// <summary>What no refused request may ever show: names, PGNs, keys, link tokens.</summary>
    public List<string> Secrets { get; } = [];

    public static async Task<Parties> CreateAsync(MatrixChain f, CancellationToken ct)
    {
        var p = new Parties(f);
        await p.SetUpAsync(ct);
        return p;
    }

    private T Own<T>(T disposable) where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }

    private Wire NewWire(string name, X509Certificate2? certificate = null, bool cookies = false, string? bearer = null) =>
        Own(new Wire(name, Validator, certificate, cookies, bearer));

    private async Task SetUpAsync(CancellationToken ct)
    {
        var admin = Chain.Central.Admin;
        var today = DateOnly.FromDateTime(_f.Clock.GetUtcNow().UtcDateTime);
        Anonymous = NewWire("geen");
        AnonymousBrowser = NewWire("geen", cookies: true);
        DemoSystem = NewWire("eigen systeem", _f.Node.SystemCertificate);
        OtherSystem = NewWire("ander systeem (zelfde CA)", await _f.OtherSystemAsync());

        // certificates that must never get through: each is refused at the TLS handshake of every listener
        var revoked = (await admin.IssueCertificateAsync(DemoChain.SysteemId, cancellationToken: ct)).Zeker;
        _ = (await admin.RevokeCertificateAsync(revoked.Info.Serienummer, "matrix: ingetrokken", cancellationToken: ct)).Zeker;
        var refresher = Chain.School.Services.GetRequiredService<RevocationRefresher>();
        using (var http = refresher.CreateClient()) Assert.True(await refresher.RefreshAsync(http, ct));
        using var foreignCa = DevelopmentCertificateAuthority.Create(TimeProvider.System, "Vreemde CA");
        Tls = new Dictionary<string, Wire>
        {
            ["zelfondertekend"] = NewWire("zelfondertekend", Own(SelfSigned())),
            ["andere CA"] = NewWire("andere CA", Own(foreignCa.IssueSystemCertificate(SysteemId.Parse(DemoChain.SysteemId)))),
            ["ingetrokken"] = NewWire("ingetrokken", Own(revoked.Certificaat)),
            ["verlopen"] = NewWire("verlopen", Own(_f.Ca.IssueSystemCertificate(SysteemId.Parse(DemoChain.SysteemId), TimeSpan.FromMinutes(-1)))),
            ["geen systeem-id"] = NewWire("geen systeem-id", Own(CallerBindingTests.ClientCertificateWithoutSystem(_f.Ca))),
        };
        DemoCertificateSerial = (await admin.CertificatesAsync(DemoChain.SysteemId, ct)).First(c => c.IngetrokkenOp is null).Serienummer;

        await SetUpRegisterAsync(today, ct);
        await SetUpCentralPeopleAsync(ct);
        await SetUpSchoolAsync(ct);
        await SetUpSessionsAsync(ct);
    }

    private async Task SetUpRegisterAsync(DateOnly today, CancellationToken ct)
    {
        var admin = Chain.Central.Admin;
        SecondVo = await _f.SecondVoAsync();
        Unqualified = await _f.UnqualifiedVoAsync();
        // a school registered and qualified whose board never mandated the demo system (which still runs its aanleverpunt)
        var unmandated = new DemoSchools.Definition("96VO", "Niet Gemandateerd College", "VO", "0000000700096VO00001");
        _ = (await admin.AddSchoolAsync(new NieuweSchool(unmandated.Brin, unmandated.Naam, Sector.VO, "40001") { Plaats = "Utrecht" }, ct)).Zeker;
        _ = (await admin.ApproveAllAsync(unmandated.Brin, ct)).Zeker;
        await Chain.School.Admin.AddSchoolAsync(unmandated.Brin, unmandated.Naam, unmandated.Sector, "Utrecht", ct);
        await Chain.School.Admin.AddAanleverpuntAsync(unmandated.Brin, unmandated.RouteringsKenmerk, "OV", ct);
        _ = (await admin.AddEndpointAsync(new NieuwAanleverpunt(unmandated.RouteringsKenmerk, Chain.School.AanleverpuntUrl(unmandated.RouteringsKenmerk).ToString(),
            Uitwisseldoel.Ov, DemoChain.SysteemId, today.AddDays(-1)), ct)).Zeker;
        Unmandated = new DemoSchool(unmandated.Brin, unmandated.Naam, unmandated.Sector, unmandated.RouteringsKenmerk, Guid.Empty, "");
        // another board with a school and a mandate of its own
        _ = (await admin.AddBoardAsync(new NieuwBestuur("40002", "Ander Bestuur"), ct)).Zeker;
        _ = (await admin.AddSchoolAsync(new NieuweSchool("95PO", "School Van Een Ander Bestuur", Sector.PO, "40002") { Plaats = "Zwolle" }, ct)).Zeker;
        OtherBoardMandate = (await admin.AddMandateAsync(new NieuwMandaat("40002", "95PO", DemoChain.SysteemId, today.AddDays(-1)), ct)).Zeker.Id;
    }

    /// <summary>Accounts in every role, for the management API (bearer tokens) and for the portal (cookies): separate accounts, each signed in once.</summary>
    private async Task SetUpCentralPeopleAsync(CancellationToken ct)
    {
        var roles = new (string Label, Rol Rol, string? Scope)[]
        {
            ("beheerder", Rol.Beheerder, null), ("school (eigen)", Rol.School, DemoSchools.Po.Brin), ("andere school", Rol.School, DemoSchools.Vo.Brin),
            ("bestuur", Rol.Bestuur, "40001"), ("leverancier", Rol.Leverancier, DemoChain.SysteemId),
        };
        var api = new Dictionary<string, Wire>();
        var portal = new Dictionary<string, Wire>();
        foreach (var (label, rol, scope) in roles)
        {
            var apiEmail = $"api-{rol}-{scope}@matrix.example".ToLowerInvariant();
            var key = await AddCentralUserAsync(apiEmail, rol, scope, twoFactor: true, ct);
            api[label] = NewWire(label, bearer: await ApiTokenAsync(apiEmail, key, ct));
            var portalEmail = $"portaal-{rol}-{scope}@matrix.example".ToLowerInvariant();
            var portalKey = await AddCentralUserAsync(portalEmail, rol, scope, twoFactor: true, ct);
            portal[label] = await PortalSignInAsync(label, portalEmail, portalKey, ct);
        }
        // signed in with the password only (two-step verification never set up)
        await AddCentralUserAsync("api-zonder-tweestaps@matrix.example", Rol.School, DemoSchools.Po.Brin, twoFactor: false, ct);
        api["zonder tweestaps"] = NewWire("zonder tweestaps", bearer: await ApiTokenAsync("api-zonder-tweestaps@matrix.example", null, ct));
        await AddCentralUserAsync("portaal-zonder-tweestaps@matrix.example", Rol.School, DemoSchools.Po.Brin, twoFactor: false, ct);
        portal["zonder tweestaps"] = await PortalSignInAsync("zonder tweestaps", "portaal-zonder-tweestaps@matrix.example", null, ct);
        api["systeemcertificaat"] = DemoSystem;
        api["ander systeem (zelfde CA)"] = OtherSystem;
        Api = api;
        Portal = portal;
    }

    private async Task<string?> AddCentralUserAsync(string email, Rol rol, string? scope, bool twoFactor, CancellationToken ct)
    {
        _ = (await Chain.Central.Admin.AddUserAsync(new NieuweGebruiker(email, "Matrix " + rol, Password, rol, scope), ct)).Zeker;
        if (!twoFactor) return null;
        using var services = Chain.Central.Services.CreateScope();
        var users = services.ServiceProvider.GetRequiredService<UserManager<CentralUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        await users.ResetAuthenticatorKeyAsync(user);
        var key = (await users.GetAuthenticatorKeyAsync(user))!;
        await users.SetTwoFactorEnabledAsync(user, true);
        Secrets.Add(key);
        return key;
    }

    private static string Code(string key) => new Totp(Base32Encoding.ToBytes(key)).ComputeTotp();

    private async Task<string> ApiTokenAsync(string email, string? key, CancellationToken ct)
    {
        using var client = new Wire("aanmelden " + email, Validator);
        var answer = await client.SendAsync(HttpMethod.Post, new Uri(Chain.Central.PortalUrl, "/api/account/inloggen"),
            Wire.Json(new { email, wachtwoord = Password, code = key is null ? null : Code(key) }), ct);
        Assert.True(answer.Status == 200, $"API-aanmelding {email}: {answer} {answer.Body}");
        var token = JsonDocument.Parse(answer.Body).RootElement.GetProperty("accessToken").GetString()!;
        Secrets.Add(token);
        return token;
    }

    private async Task<Wire> PortalSignInAsync(string label, string email, string? key, CancellationToken ct)
    {
        var wire = NewWire(label, cookies: true);
        var portal = Chain.Central.PortalUrl;
        var token = await wire.FormTokenAsync(new Uri(portal, "/inloggen"), ct);
        var first = await wire.SendAsync(HttpMethod.Post, new Uri(portal, "/inloggen"), Wire.Form(new Dictionary<string, string> { ["email"] = email, ["wachtwoord"] = Password }, token), ct);
        Assert.True(first.Status == 302, $"portaal-aanmelding {email}: {first}");
        if (key is null)
        {
            Assert.StartsWith("/tweestaps", first.Location);
            return wire;
        }
        Assert.StartsWith("/inloggen/code", first.Location);
        var codeToken = await wire.FormTokenAsync(new Uri(portal, "/inloggen/code"), ct);
        var second = await wire.SendAsync(HttpMethod.Post, new Uri(portal, "/inloggen/code"), Wire.Form(new Dictionary<string, string> { ["code"] = Code(key) }, codeToken), ct);
        Assert.True(second.Status == 302 && second.Location?.StartsWith("/inloggen", StringComparison.Ordinal) != true, $"portaal-code {email}: {second}");
        return wire;
    }

    public void Dispose()
    {
        foreach (var owned in Enumerable.Reverse(_owned)) owned.Dispose();
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=openoso-demo", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(CertificateNames.ClientAuthOid)], false));
        var san = new SubjectAlternativeNameBuilder();
        san.AddUri(SysteemId.Parse(DemoChain.SysteemId).ToUri());
        request.CertificateExtensions.Add(san.Build());
        var now = TimeProvider.System.GetUtcNow();
        using var created = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(30));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }
}
