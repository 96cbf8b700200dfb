namespace Oso.EndToEnd.Tests.Security.Matrix;

public sealed partial class MatrixRows
{
    /// <summary>
    /// What operations and other vendors read without an account: health and metrics on both portal listeners (no
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
