using System.Text;

namespace Oso.EndToEnd.Tests.Security.Matrix;

public sealed partial class MatrixRows
{
    private const string School = "school:portal";

    private Uri SchoolUrl(string path) => new(p.Chain.School.PortalUrl, path);

    private void LasApi()
    {
        var (po, vo) = (p.Chain.State.Po.Brin, p.Chain.State.Vo.Brin);
        var a = p.PupilA.LasId;
        var nobody = Guid.NewGuid();
        // bron: the primary school's pupils
        Las("GET", $"/api/v1/scholen/{po}/leerlingen/{a}/dossier", "/api/v1/scholen/{brin}/leerlingen/{lasId}/dossier", bron: true);
        Las("PUT", $"/api/v1/scholen/{po}/leerlingen/{a}/dossier", "/api/v1/scholen/{brin}/leerlingen/{lasId}/dossier", bron: true, body: () => Xml("<dossier/>"));
        Las("POST", $"/api/v1/scholen/{po}/leerlingen/{a}/inzage", "/api/v1/scholen/{brin}/leerlingen/{lasId}/inzage", bron: true,
            body: () => Wire.Json(new { inzagedatum = "2026-03-01", akkoord = "Nee", redenNietAkkoord = "matrix" }), allowedBody: () => Wire.Json(new { inzagedatum = "2999-01-01" }));
        Las("POST", $"/api/v1/scholen/{po}/leerlingen/{a}/vrijgeven", "/api/v1/scholen/{brin}/leerlingen/{lasId}/vrijgeven", bron: true,
            body: () => Wire.Json(new { }), allowedPath: $"/api/v1/scholen/{po}/leerlingen/onbekend/vrijgeven");
        Las("GET", $"/api/v1/scholen/{po}/leerlingen/{a}/verstrekkingen", "/api/v1/scholen/{brin}/leerlingen/{lasId}/verstrekkingen", bron: true);
        Las("GET", $"/api/v1/scholen/{po}/verzoeken", "/api/v1/scholen/{brin}/verzoeken", bron: true);
        // doel: the secondary school's aanmeldingen, requests and received dossiers
        Las("POST", $"/api/v1/scholen/{vo}/aanmeldingen", "/api/v1/scholen/{brin}/aanmeldingen", bron: false,
            body: () => Wire.Json(new { pgn = p.PupilB.Pgn.Value, geboortedatum = p.PupilB.Geboortedatum, bronBrin = po }),
            allowedBody: () => Wire.Json(new { pgn = "123", geboortedatum = "2014-01-01", bronBrin = po }));
        Las("POST", $"/api/v1/scholen/{vo}/aanmeldingen/{p.VoAanmelding}/aanvragen", "/api/v1/scholen/{brin}/aanmeldingen/{id:guid}/aanvragen", bron: false,
            body: () => Wire.Json(new { }), allowedPath: $"/api/v1/scholen/{vo}/aanmeldingen/{nobody}/aanvragen");
        Las("GET", $"/api/v1/scholen/{vo}/aanvragen/{p.VoRequest}", "/api/v1/scholen/{brin}/aanvragen/{id:guid}", bron: false);
        Las("GET", $"/api/v1/scholen/{vo}/ontvangen", "/api/v1/scholen/{brin}/ontvangen", bron: false);
        Las("GET", $"/api/v1/scholen/{vo}/ontvangen/{p.VoReceived}", "/api/v1/scholen/{brin}/ontvangen/{id:guid}", bron: false);
        Las("GET", $"/api/v1/scholen/{vo}/ontvangen/{p.VoReceived}/handtekening", "/api/v1/scholen/{brin}/ontvangen/{id:guid}/handtekening", bron: false);
        Las("POST", $"/api/v1/scholen/{vo}/ontvangen/{p.VoReceived}/bevestigen", "/api/v1/scholen/{brin}/ontvangen/{id:guid}/bevestigen", bron: false,
            allowedPath: $"/api/v1/scholen/{vo}/ontvangen/{nobody}/bevestigen");
        Las("PUT", $"/api/v1/scholen/{vo}/webhook", "/api/v1/scholen/{brin}/webhook", bron: false,
            body: () => Wire.Json(new { url = "https://aanvaller.example/hook" }), allowedBody: () => Wire.Json(new { url = "http://geen-https.example/" }));
        // the SWV flow (issue 15): the school sends and reads terugkoppelingen; the SWV side is scoped by BRIN the same way
        Las("POST", $"/api/v1/scholen/{po}/leerlingen/{a}/swv", "/api/v1/scholen/{brin}/leerlingen/{lasId}/swv", bron: true,
            body: () => Wire.Json(new { swvBrin = "95SW" }), allowedBody: () => Wire.Json(new { swvBrin = "geen-swv" }));
        Las("GET", $"/api/v1/scholen/{po}/swv-verzendingen/{nobody}", "/api/v1/scholen/{brin}/swv-verzendingen/{id:guid}", bron: true);
        Las("GET", $"/api/v1/scholen/{po}/terugkoppelingen", "/api/v1/scholen/{brin}/terugkoppelingen", bron: true);
        Las("GET", $"/api/v1/scholen/{po}/terugkoppelingen/{nobody}", "/api/v1/scholen/{brin}/terugkoppelingen/{id:guid}", bron: true);
        Las("GET", $"/api/v1/scholen/{po}/swv-dossiers", "/api/v1/scholen/{brin}/swv-dossiers", bron: true);
        Las("GET", $"/api/v1/scholen/{po}/swv-dossiers/{nobody}", "/api/v1/scholen/{brin}/swv-dossiers/{id:guid}", bron: true);
        Las("GET", $"/api/v1/scholen/{po}/swv-dossiers/{nobody}/handtekening", "/api/v1/scholen/{brin}/swv-dossiers/{id:guid}/handtekening", bron: true);
        Las("POST", $"/api/v1/scholen/{po}/swv-dossiers/{nobody}/terugkoppeling", "/api/v1/scholen/{brin}/swv-dossiers/{id:guid}/terugkoppeling", bron: true,
            body: () => Xml("<terugkoppeling/>"));

        // a school's own key, with the other school's object under its own BRIN: not found
        LasScoped("GET", $"/api/v1/scholen/{vo}/leerlingen/{a}/dossier", "/api/v1/scholen/{brin}/leerlingen/{lasId}/dossier", p.LasVo, null);
        LasScoped("GET", $"/api/v1/scholen/{vo}/leerlingen/{a}/verstrekkingen", "/api/v1/scholen/{brin}/leerlingen/{lasId}/verstrekkingen", p.LasVo, null);
        LasScoped("POST", $"/api/v1/scholen/{vo}/leerlingen/{a}/vrijgeven", "/api/v1/scholen/{brin}/leerlingen/{lasId}/vrijgeven", p.LasVo, () => Wire.Json(new { }));
        LasScoped("GET", $"/api/v1/scholen/{po}/aanvragen/{p.VoRequest}", "/api/v1/scholen/{brin}/aanvragen/{id:guid}", p.LasPo, null);
        LasScoped("GET", $"/api/v1/scholen/{po}/ontvangen/{p.VoReceived}", "/api/v1/scholen/{brin}/ontvangen/{id:guid}", p.LasPo, null);
        LasScoped("GET", $"/api/v1/scholen/{po}/ontvangen/{p.VoReceived}/handtekening", "/api/v1/scholen/{brin}/ontvangen/{id:guid}/handtekening", p.LasPo, null);
        LasScoped("POST", $"/api/v1/scholen/{po}/ontvangen/{p.VoReceived}/bevestigen", "/api/v1/scholen/{brin}/ontvangen/{id:guid}/bevestigen", p.LasPo, null);
        LasScoped("POST", $"/api/v1/scholen/{po}/aanmeldingen/{p.VoAanmelding}/aanvragen", "/api/v1/scholen/{brin}/aanmeldingen/{id:guid}/aanvragen", p.LasPo, () => Wire.Json(new { }));

        foreach (var path in new[] { "/health", "/assets/oso.css", "/portaal/school.css", "/portaal/portaal.js", "/ouders/ouders.js", "/openapi/v1.json", "/scalar/v1", "/scalar/scalar.js", "/scalar/scalar.aspnetcore.js", "/scalar/favicon.svg" })
        {
            var key = Key(School, "GET", RouteOf(path));
            Add(key, key, "geen", Expect.Ok, ct => p.Anonymous.GetAsync(SchoolUrl(path), ct), writes: false);
        }
    }

    private static HttpContent Xml(string xml) => new StringContent(xml, Encoding.UTF8, "application/xml");

    /// <summary>
    /// One LAS API endpoint: no key → 401, a revoked key → 401, a system certificate or a staff sign-in (no LAS
    /// credentials) → 401, the other school's key → 403, the school's own key → through. Refused certificates: no connection.
    /// </summary>
    private void Las(string method, string path, string route, bool bron, Func<HttpContent?>? body = null, string? allowedPath = null, Func<HttpContent?>? allowedBody = null)
    {
        var verb = new HttpMethod(method);
        var key = Key(School, method, route);
        var url = SchoolUrl(path);
        body ??= () => null;
        var (own, other) = bron ? (p.LasPo, p.LasVo) : (p.LasVo, p.LasPo);
        var staff = bron ? p.PoMedewerker : p.VoMedewerker;
        var cells = new (string Identity, Wire Wire, Expect Expect)[]
        {
            ("geen", p.Anonymous, Expect.Status(401, "niet-geauthenticeerd")),
            ("ingetrokken LAS-sleutel", p.LasRevoked, Expect.Status(401, "niet-geauthenticeerd")),
            ("systeemcertificaat", p.DemoSystem, Expect.Status(401, "niet-geauthenticeerd")),
            ("medewerker (eigen school)", staff, Expect.Status(401, "niet-geauthenticeerd")),
            ("LAS-sleutel andere school", other, Expect.Status(403, "geen-toegang")),
            ("LAS-sleutel (eigen)", own, Expect.Ok),
        };
        foreach (var (identity, wire, expect) in cells)
        {
            var allowed = expect is Expect.Allowed;
            var target = allowed && allowedPath is not null ? SchoolUrl(allowedPath) : url;
            var content = allowed && allowedBody is not null ? allowedBody : body;
            if (!bron && identity == "ingetrokken LAS-sleutel") continue; // the revoked key was the primary school's
            Add(key, key, identity, expect, ct => wire.SendAsync(verb, target, content(), ct), IsWrite(verb));
        }
        AddTls(key, key, verb, url, body);
    }

    private void LasScoped(string method, string path, string route, Wire wire, Func<HttpContent?>? body)
    {
        var verb = new HttpMethod(method);
        var key = Key(School, method, route);
        Add(key, key, "LAS-sleutel, object van andere school", Expect.Status(404, "niet-gevonden"), ct => wire.SendAsync(verb, SchoolUrl(path), body?.Invoke(), ct), IsWrite(verb));
    }
}
