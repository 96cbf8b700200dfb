using Oso.Cli.Up;

namespace Oso.EndToEnd.Tests.Security.Matrix;

public sealed partial class MatrixRows
{
    private const string Central = "central:portal";

    /// <summary>The identities tried on every management API endpoint, and the role each stands for (null: none).</summary>
    private static readonly (string Identity, Policy? Role)[] ApiIdentities =
    [
        ("geen", null), ("zonder tweestaps", null), ("beheerder", Policy.Beheerder), ("school (eigen)", Policy.School), ("bestuur", Policy.Bestuur),
        ("leverancier", Policy.Leverancier), ("systeemcertificaat", Policy.Leverancier),
    ];

    private void CentralApi()
    {
        var sessie = p.Open.Id.Value;
        var nobody = Guid.NewGuid();
        // public information and the documents of the API
        foreach (var path in new[] { "/api/scholen/gekwalificeerd", "/api/certificaten/ca", "/api/certificaten/ingetrokken", "/api/kwalificatie/handboek",
                     "/api/testschool/leerlingen", "/assets/oso.css", "/openapi/v1.json", "/scalar/v1", "/scalar/scalar.js", "/scalar/scalar.aspnetcore.js", "/scalar/favicon.svg" })
            Api("GET", path, RouteOf(path), Policy.Public);
        // signing in and registering: anyone may try; wrong credentials are refused by the credentials, not by a role
        Add(Key(Central, "POST", "/api/account/inloggen"), Key(Central, "POST", "/api/account/inloggen"), "geen (onbekend account)", Expect.Status(401, "account.inloggen"),
            ct => p.Anonymous.SendAsync(HttpMethod.Post, CentralUrl("/api/account/inloggen"), Wire.Json(new { email = "niemand@matrix.example", wachtwoord = "onjuist-wachtwoord-1", code = "000000" }), ct), writes: true);
        Api("POST", "/api/account/aanmelden", "/api/account/aanmelden", Policy.Public, () => Wire.Json(new { brin = "XX", naam = "x", email = "x", wachtwoord = "x" }));
        Api("GET", "/api/account/", "/api/account/", Policy.SignedIn);
        Api("POST", "/api/account/tweestaps/sleutel", "/api/account/tweestaps/sleutel", Policy.SignedIn, skipAllowed: ["zonder tweestaps"]);
        Api("POST", "/api/account/tweestaps", "/api/account/tweestaps", Policy.SignedIn, () => Wire.Json(new { code = "000000" }));

        // operators
        Api("GET", "/api/beheer/scholen", "/api/beheer/scholen", Policy.Beheerder);
        Api("POST", "/api/beheer/scholen", "/api/beheer/scholen", Policy.Beheerder, () => Wire.Json(new { brin = "XX", naam = "x", sector = "PO", bestuurId = "onbekend" }));
        Api("POST", "/api/beheer/besturen", "/api/beheer/besturen", Policy.Beheerder, () => Wire.Json(new { id = "", naam = "" }));
        Api("POST", "/api/beheer/scholen/91PO/intrekken", "/api/beheer/scholen/{brin}/intrekken", Policy.Beheerder, () => Wire.Json(new { reden = "matrix" }), allowedPath: "/api/beheer/scholen/99ZZ/intrekken");
        Api("POST", "/api/beheer/systemen", "/api/beheer/systemen", Policy.Beheerder, () => Wire.Json(new { id = "!", naam = "x", leverancier = "x" }));
        Api("POST", "/api/beheer/systemen/openoso-demo/intrekken", "/api/beheer/systemen/{id}/intrekken", Policy.Beheerder, () => Wire.Json(new { reden = "matrix" }), allowedPath: "/api/beheer/systemen/onbekend/intrekken");
        Api("POST", "/api/beheer/mandaten", "/api/beheer/mandaten", Policy.Beheerder, () => Wire.Json(new { bestuurId = "40001", brin = "91PO", systeemId = ChainFixture.OtherSystemId, van = "2026-01-01" }),
            allowedBody: () => Wire.Json(new { bestuurId = "onbekend", brin = "99ZZ", systeemId = "x", van = "2026-01-01" }));
        Api("POST", "/api/beheer/aanleverpunten", "/api/beheer/aanleverpunten", Policy.Beheerder, () => Wire.Json(new { routeringsKenmerk = "x", url = "https://x.example/", doel = "Ov", systeemId = "x", van = "2026-01-01" }));
        Api("GET", "/api/beheer/audit", "/api/beheer/audit", Policy.Beheerder);
        Api("GET", "/api/beheer/certificaten", "/api/beheer/certificaten", Policy.Beheerder);
        Api("POST", "/api/beheer/systemen/openoso-demo/certificaten", "/api/beheer/systemen/{id}/certificaten", Policy.Beheerder, allowedPath: "/api/beheer/systemen/onbekend/certificaten");
        Api("POST", $"/api/beheer/certificaten/{p.DemoCertificateSerial}/intrekken", "/api/beheer/certificaten/{serienummer}/intrekken", Policy.Beheerder, () => Wire.Json(new { reden = "matrix" }),
            allowedPath: "/api/beheer/certificaten/00/intrekken");
        Api("GET", "/api/beheer/accounts", "/api/beheer/accounts", Policy.Beheerder);
        Api("POST", "/api/beheer/accounts/api-zonder-tweestaps@matrix.example/verifieren", "/api/beheer/accounts/{id}/verifieren", Policy.Beheerder,
            allowedPath: "/api/beheer/accounts/niemand@matrix.example/verifieren");
        Api("GET", "/api/beheer/bewijzen", "/api/beheer/bewijzen", Policy.Beheerder);
        Api("GET", $"/api/beheer/bewijzen/{nobody}/document", "/api/beheer/bewijzen/{id:guid}/document", Policy.Beheerder);
        Api("POST", $"/api/beheer/bewijzen/{nobody}/beoordeling", "/api/beheer/bewijzen/{id:guid}/beoordeling", Policy.Beheerder, () => Wire.Json(new { goedgekeurd = true }));
        Api("POST", "/api/beheer/scholen/94VO/kwalificatie", "/api/beheer/scholen/{brin}/kwalificatie", Policy.Beheerder, allowedPath: "/api/beheer/scholen/99ZZ/kwalificatie");
        Api("POST", $"/api/beheer/systemen/{ChainFixture.OtherSystemId}/kwalificatie", "/api/beheer/systemen/{id}/kwalificatie", Policy.Beheerder, allowedPath: "/api/beheer/systemen/onbekend/kwalificatie");
        Api("GET", "/api/beheer/sessies", "/api/beheer/sessies", Policy.Beheerder);
        Api("GET", $"/api/beheer/sessies/{sessie}", "/api/beheer/sessies/{id:guid}", Policy.Beheerder);
        Api("GET", "/api/beheer/verkeer", "/api/beheer/verkeer", Policy.Beheerder);

        // a school's Mijn OSO
        Api("GET", "/api/mijnoso/school", "/api/mijnoso/school", Policy.School);
        Api("GET", "/api/mijnoso/mandaten", "/api/mijnoso/mandaten", Policy.School);
        Api("GET", "/api/mijnoso/aanleverpunten", "/api/mijnoso/aanleverpunten", Policy.School);
        Api("GET", "/api/mijnoso/kwalificatie/", "/api/mijnoso/kwalificatie/", Policy.School);
        Api("POST", "/api/mijnoso/kwalificatie/datalekken/verklaring", "/api/mijnoso/kwalificatie/{item}/verklaring", Policy.School,
            () => Wire.Json(new { tekst = "matrix", ondertekendDoor = "Matrix", functie = "Test" }), allowedPath: "/api/mijnoso/kwalificatie/onbekend/verklaring");
        Api("POST", "/api/mijnoso/kwalificatie/datalekken/document", "/api/mijnoso/kwalificatie/{item}/document", Policy.School, Upload, allowedPath: "/api/mijnoso/kwalificatie/onbekend/document");
        Api("GET", "/api/mijnoso/sessies", "/api/mijnoso/sessies", Policy.School);
        Api("GET", $"/api/mijnoso/sessies/{p.CrossSession.Value}", "/api/mijnoso/sessies/{id:guid}", Policy.School);
        Api("GET", "/api/mijnoso/verkeer", "/api/mijnoso/verkeer", Policy.School);
        // another school asks for a session it has no part in
        Scoped("GET", $"/api/mijnoso/sessies/{p.CrossSession.Value}", "/api/mijnoso/sessies/{id:guid}", "andere school", p.Api["andere school"], Expect.Status(404), null);

        // boards
        Api("GET", "/api/bestuur/scholen", "/api/bestuur/scholen", Policy.Bestuur);
        Api("GET", "/api/bestuur/mandaten", "/api/bestuur/mandaten", Policy.Bestuur);
        Api("POST", "/api/bestuur/mandaten", "/api/bestuur/mandaten", Policy.Bestuur, () => Wire.Json(new { brin = "91PO", systeemId = ChainFixture.OtherSystemId, van = "2026-01-01" }),
            allowedBody: () => Wire.Json(new { brin = "99ZZ", systeemId = "x", van = "2026-01-01" }));
        Api("POST", $"/api/bestuur/mandaten/{p.OtherBoardMandate}/beeindigen", "/api/bestuur/mandaten/{id:guid}/beeindigen", Policy.Bestuur, allowedPath: $"/api/bestuur/mandaten/{nobody}/beeindigen");
        Scoped("POST", $"/api/bestuur/mandaten/{p.OtherBoardMandate}/beeindigen", "/api/bestuur/mandaten/{id:guid}/beeindigen", "ander bestuur (mandaat van 40002)", p.Api["bestuur"], Expect.Status(404), null);

        // suppliers, by account or by their system's certificate
        Api("GET", "/api/leverancier/systeem", "/api/leverancier/systeem", Policy.Leverancier);
        Api("GET", "/api/leverancier/aanleverpunten", "/api/leverancier/aanleverpunten", Policy.Leverancier);
        Api("POST", "/api/leverancier/aanleverpunten", "/api/leverancier/aanleverpunten", Policy.Leverancier,
            () => Wire.Json(new { routeringsKenmerk = "x", url = "https://x.example/", doel = "Ov", van = "2026-01-01" }));
        Api("GET", "/api/leverancier/mandaten", "/api/leverancier/mandaten", Policy.Leverancier);
        Api("GET", "/api/leverancier/sessies", "/api/leverancier/sessies", Policy.Leverancier);
        Api("GET", "/api/leverancier/certificaten", "/api/leverancier/certificaten", Policy.Leverancier);
        Api("POST", "/api/leverancier/certificaten", "/api/leverancier/certificaten", Policy.Leverancier, () => Wire.Json(new { pem = "geen certificaat" }));
        Api("POST", $"/api/leverancier/certificaten/{p.DemoCertificateSerial}/intrekken", "/api/leverancier/certificaten/{serienummer}/intrekken", Policy.Leverancier,
            () => Wire.Json(new { reden = "matrix" }), allowedPath: "/api/leverancier/certificaten/00/intrekken");
        Scoped("POST", $"/api/leverancier/certificaten/{p.DemoCertificateSerial}/intrekken", "/api/leverancier/certificaten/{serienummer}/intrekken",
            "ander systeem (zelfde CA)", p.Api["ander systeem (zelfde CA)"], Expect.Status(404), () => Wire.Json(new { reden = "matrix" }));
        Api("GET", $"/api/leverancier/sessies/{sessie}", "/api/leverancier/sessies/{id:guid}", Policy.Leverancier);
        Scoped("GET", $"/api/leverancier/sessies/{sessie}", "/api/leverancier/sessies/{id:guid}", "ander systeem (zelfde CA)", p.Api["ander systeem (zelfde CA)"],
            Expect.Status(404, "sessie.onbekend"), null);

        // the technical test: a supplier submits its conformance report, an operator reviews it
        Api("POST", "/api/leverancier/conformance/", "/api/leverancier/conformance/", Policy.Leverancier, () => Wire.Json(new { rapport = "geen rapport" }));
        Api("GET", "/api/leverancier/conformance/", "/api/leverancier/conformance/", Policy.Leverancier);
        Api("GET", $"/api/beheer/systemen/{DemoChain.SysteemId}/conformance", "/api/beheer/systemen/{id}/conformance", Policy.Beheerder);
        Api("POST", $"/api/beheer/conformance/{nobody}/beoordeling", "/api/beheer/conformance/{id:guid}/beoordeling", Policy.Beheerder, () => Wire.Json(new { goedgekeurd = true }));
    }

    private static string RouteOf(string path) => path switch
    {
        "/openapi/v1.json" => "/openapi/{documentName}.json",
        "/scalar/v1" => "/scalar/{documentName?}",
        _ => path,
    };

    private Uri CentralUrl(string path) => new(p.Chain.Central.PortalUrl, path);

    private static HttpContent Upload()
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent("%PDF-1.4 matrix"u8.ToArray());
        file.Headers.ContentType = new("application/pdf");
        form.Add(file, "bestand", "bewijs.pdf");
        return form;
    }

    /// <summary>
    /// One management API endpoint against every identity: no one → 401, signed in without two-step verification → 403,
    /// another role → 403 (a system's certificate counts as its supplier), the role it is for → through; every
    /// refused certificate → no connection. Writes sent by the allowed role use a harmless target or invalid values.
    /// </summary>
    private void Api(string method, string path, string route, Policy policy, Func<HttpContent?>? body = null, string? allowedPath = null,
        Func<HttpContent?>? allowedBody = null, string[]? skipAllowed = null)
    {
        var verb = new HttpMethod(method);
        var key = Key(Central, method, route);
        var url = CentralUrl(path);
        body ??= () => IsWrite(verb) ? Wire.Json(new { }) : null;
        foreach (var (identity, role) in ApiIdentities)
        {
            if (policy == Policy.Public && identity != "geen") continue;
            var expect = policy switch
            {
                Policy.Public => Expect.Ok,
                _ when identity == "geen" => Expect.Status(401, "account.niet-aangemeld"),
                Policy.SignedIn when identity == "systeemcertificaat" => Expect.Status(401, "account.niet-aangemeld"),
                Policy.SignedIn => Expect.Ok,
                _ when identity == "zonder tweestaps" => Expect.Status(403, "account.tweestaps"),
                _ when role == policy => Expect.Ok,
                _ => Expect.Status(403, "rol"),
            };
            if (expect is Expect.Allowed && skipAllowed?.Contains(identity) == true) continue;
            var allowed = expect is Expect.Allowed;
            var wire = p.Api.TryGetValue(identity, out var w) ? w : p.Anonymous;
            var target = allowed && allowedPath is not null ? CentralUrl(allowedPath) : url;
            var content = allowed && allowedBody is not null ? allowedBody : body;
            Add(key, key, identity, expect, ct => wire.SendAsync(verb, target, content(), ct), IsWrite(verb));
        }
        AddTls(key, key, verb, url, body);
    }

    /// <summary>One extra cell: an identity of the right role reaching for an object of someone else.</summary>
    private void Scoped(string method, string path, string route, string identity, Wire wire, Expect expect, Func<HttpContent?>? body)
    {
        var verb = new HttpMethod(method);
        var key = Key(Central, method, route);
        Add(key, key, identity, expect, ct => wire.SendAsync(verb, CentralUrl(path), body?.Invoke(), ct), IsWrite(verb));
    }
}
