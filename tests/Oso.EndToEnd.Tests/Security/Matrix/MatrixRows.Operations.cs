namespace Oso.EndToEnd.Tests.Security.Matrix;

public sealed partial class MatrixRows
{
    /// <summary>
    /// The session status of both portals, and what operations and other vendors read without an account: health and metrics on both portal listeners (no
    /// personal data; in development mode /metrics answers loopback, which the matrix is), and the WSDL/XSD of every
    /// protocol endpoint, for any system with a valid certificate. A refused certificate gets no connection.
    /// </summary>
    private void Operations()
    {
        foreach (var (host, url) in new[] { (Central, (Func<string, Uri>)CentralUrl), (School, SchoolUrl) })
            foreach (var path in new[] { "/health/live", "/health/ready", "/metrics" })
            {
                var key = Key(host, "PAGE", path);
                Add(key, key, "geen", Expect.Ok, ct => p.Anonymous.GetAsync(url(path), ct), writes: false);
                AddTls(key, key, HttpMethod.Get, url(path), () => null);
            }

        // the session script, and /sessie: when the portal session ends (GET) or "Ingelogd blijven" (POST); only a
        // portal sign-in has a session there — anyone else is told there is none
        foreach (var (host, url) in new[] { (Central, (Func<string, Uri>)CentralUrl), (School, SchoolUrl) })
        {
            var script = Key(host, "GET", "/assets/sessie.js");
            Add(script, script, "geen", Expect.Ok, ct => p.Anonymous.GetAsync(url("/assets/sessie.js"), ct), writes: false);
            var key = Key(host, "GET,POST", "/sessie");
            var none = new Expect.Refused("200 aangemeld=false", o => !o.Tls && o.Status == 200 && o.Body.Contains("\"aangemeld\":false", StringComparison.Ordinal));
            var others = host == Central
                ? new[] { ("geen", p.Anonymous), ("API-token (beheerder)", p.Api["beheerder"]), ("systeemcertificaat", p.DemoSystem) }
                : new[] { ("geen", p.Anonymous), ("LAS-sleutel (eigen)", p.LasPo), ("ouders (eigen link)", p.ParentA) };
            foreach (var (identity, wire) in others)
            {
                Add(key, key, identity, none, ct => wire.GetAsync(url("/sessie"), ct), writes: false);
                Add(key, key, identity + " (POST)", none, ct => wire.SendAsync(HttpMethod.Post, url("/sessie"), null, ct), writes: true);
            }
            var own = host == Central ? ("beheerder", p.Portal["beheerder"]) : ("medewerker (eigen school)", p.PoMedewerker);
            Add(key, key, own.Item1, Expect.Ok, ct => own.Item2.GetAsync(url("/sessie"), ct), writes: false);
            AddTls(key, key, HttpMethod.Get, url("/sessie"), () => null);
        }

        var kenmerk = p.Chain.State.Po.RouteringsKenmerk;
        foreach (var (key, url) in new[]
                 {
                     ("central:protocol GET /oso/tc", p.Chain.Central.TrafficCenterUrl),
                     ("central:protocol GET /oso/testschool", p.Chain.Central.TestschoolUrl),
                     ("school:protocol GET /oso/aanleverpunt/{aanleverpunt}", p.Chain.School.AanleverpuntUrl(kenmerk)),
                 })
        {
            var wsdl = new Uri(url + "?wsdl");
            Add(key, key, "eigen systeem", Expect.Ok, ct => p.DemoSystem.GetAsync(wsdl, ct), writes: false);
            Add(key, key, "ander systeem (zelfde CA)", Expect.Ok, ct => p.OtherSystem.GetAsync(wsdl, ct), writes: false);
            Add(key, key, "geen", Expect.Tls, ct => p.Anonymous.GetAsync(wsdl, ct), writes: false);
            foreach (var name in TlsIdentities)
                Add(key, key, name, Expect.Tls, ct => p.Tls[name].GetAsync(wsdl, ct), writes: false);
        }
    }
}
