using System.Net;
using System.Text;
using Oso.Central.Tests.Infrastructure;
using Oso.Protocol.Soap;
using Oso.Testing;
using static Oso.Central.Tests.Infrastructure.Tc;

namespace Oso.Central.Tests.TrafficCenter;

/// <summary>Bad SOAP gets a SOAP fault (or a 4xx) and changes nothing: row counts of every table before and after.</summary>
public abstract class HostileSoapTests(CentralFixture f) : IDisposable
{
    private const string Envelope = "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:o=\"http://xml.kennisnet.nl/schemas/Overstapservice/20200910\"><s:Body>";
    private const string Einde = "</s:Body></s:Envelope>";
    private readonly Parties _parties = new(f);

    public static TheoryData<string, string> Bodies => new()
    {
        { "niet welgevormd", Envelope + "<o:afmeldingRequest><o:sessieId>" },
        { "verkeerde namespace", "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body><afmeldingRequest xmlns=\"http://xml.kennisnet.nl/schemas/Overstapservice/20180910\"/></s:Body></s:Envelope>" },
        { "DTD", "<!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;\">]>" + Envelope + "<o:overzichtAanleverpuntRequest><o:brin>&b;</o:brin></o:overzichtAanleverpuntRequest>" + Einde },
        { "diep genest", Envelope + "<o:overzichtAanleverpuntRequest>" + string.Concat(Enumerable.Repeat("<o:x>", 100_000)) + string.Concat(Enumerable.Repeat("</o:x>", 100_000)) + "</o:overzichtAanleverpuntRequest>" + Einde },
        { "geen verzoek", Envelope + "<o:afmeldingResponse><o:resultaat>AfmeldingOntvangen</o:resultaat></o:afmeldingResponse>" + Einde },
        { "onbekend veld", Envelope + "<o:overzichtAanleverpuntRequest><o:pgn>999991000</o:pgn></o:overzichtAanleverpuntRequest>" + Einde },
        { "SOAP 1.2", "<e:Envelope xmlns:e=\"http://www.w3.org/2003/05/soap-envelope\"><e:Body/></e:Envelope>" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task Bad_soap_gets_a_fault_and_changes_nothing(string waarom, string body)
    {
        var las = await _parties.SystemAsync();
        var before = await DbDump.CountRowsAsync(f.Central);

        using var content = new StringContent(body, Encoding.UTF8, "text/xml");
        using var response = await las.Http.PostAsync(f.Central.TrafficCenterUrl, content, Ct);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var fault = await SoapReader.ReadAsync(await response.Content.ReadAsStreamAsync(Ct), cancellationToken: Ct);
        var received = Assert.IsType<SoapReadResult.FaultReceived>(fault).Fault;
        Assert.False(string.IsNullOrWhiteSpace(received.Tekst), waarom);
        Assert.DoesNotContain("999991000", received.Omschrijving);
        Assert.Equal(before, await DbDump.CountRowsAsync(f.Central));
    }

    [Fact]
    public async Task A_100_megabyte_body_is_refused_early_and_changes_nothing()
    {
        var las = await _parties.SystemAsync();
        var before = await DbDump.CountRowsAsync(f.Central);
        var stream = new GeneratedStream(Envelope + "<o:overzichtAanleverpuntRequest><o:brin>", (byte)'A', 100L * 1024 * 1024, "</o:brin></o:overzichtAanleverpuntRequest>" + Einde);

        using var content = new StreamContent(stream);
        content.Headers.ContentType = new("text/xml");
        try
        {
            using var response = await las.Http.PostAsync(f.Central.TrafficCenterUrl, content, Ct);
            Assert.True((int)response.StatusCode is 500 or 413 or 400, response.StatusCode.ToString());
        }
        catch (HttpRequestException)
        {
            // the server answered and closed while we were still sending: refused either way
        }
        Assert.True(stream.BytesRead < 50L * 1024 * 1024, $"the server read {stream.BytesRead} bytes");
        Assert.Equal(before, await DbDump.CountRowsAsync(f.Central));
    }

    public void Dispose()
    {
        _parties.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class HostileSoapTestsOnSqlite(SqliteCentral f) : HostileSoapTests(f), IClassFixture<SqliteCentral>;

public sealed class HostileSoapTestsOnPostgres(PostgresCentral f) : HostileSoapTests(f), IClassFixture<PostgresCentral>;
