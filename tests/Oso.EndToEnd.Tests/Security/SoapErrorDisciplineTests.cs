using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Oso.Protocol.Messages;
using Oso.Protocol.Soap;
using Oso.Testing;

namespace Oso.EndToEnd.Tests.Security;

/// <summary>
/// Issue 11 §5 (SOAP half): every SOAP endpoint of both hosts — the Traffic Center, the test school and an
/// aanleverpunt — answers bad input with a SOAP fault and the documented status (415 for another media type, 500 with a
/// Client fault for unreadable or oversized input, 500 with a Server fault for an internal error), before reading what
/// it need not read, and changes nothing.
/// </summary>
public sealed class SoapErrorDisciplineTests(SqliteChain fixture) : IClassFixture<SqliteChain>
{
    private const string Envelope = "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:o=\"http://xml.kennisnet.nl/schemas/Overstapservice/20200910\"><s:Body>";
    private const string Einde = "</s:Body></s:Envelope>";
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public static TheoryData<string> Endpoints => ["tc", "testschool", "aanleverpunt"];

    private Uri Url(string endpoint) => endpoint switch
    {
        "tc" => fixture.Chain.Central.TrafficCenterUrl,
        "testschool" => fixture.Chain.Central.TestschoolUrl,
        _ => fixture.AanleverpuntUrl(fixture.Chain.State.Po),
    };

    public static TheoryData<string, string?> MediaTypes => new()
    {
        { "tc", "application/json" }, { "tc", "application/soap+xml" }, { "tc", null },
        { "testschool", "text/plain" },
        { "aanleverpunt", "application/json" }, { "aanleverpunt", "application/soap+xml" }, { "aanleverpunt", null },
    };

    [Theory]
    [MemberData(nameof(MediaTypes))]
    public async Task Another_media_type_than_text_xml_is_415_with_a_SOAP_fault_and_changes_nothing(string endpoint, string? mediaType)
    {
        fixture.RequireChain();
        var before = await StateAsync();
        using var http = fixture.NodeHttpClient(fixture.Node.SystemCertificate);
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(Envelope + "<o:overzichtAanleverpuntRequest/>" + Einde));
        if (mediaType is not null) content.Headers.ContentType = new(mediaType);

        using var response = await http.PostAsync(Url(endpoint), content, _ct);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal(SoapFoutcodes.Mediatype, (await FaultAsync(response)).Foutcode);
        Assert.Equal(before, await StateAsync());
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task A_declared_length_over_the_limit_is_TeGroot_answered_before_a_byte_of_the_body_is_read(string endpoint)
    {
        fixture.RequireChain();
        var before = await StateAsync();
        using var http = fixture.NodeHttpClient(fixture.Node.SystemCertificate);
        var body = new GeneratedStream(Envelope + "<o:overzichtAanleverpuntRequest><o:brin>", (byte)'A', 2L * 1024 * 1024, "</o:brin></o:overzichtAanleverpuntRequest>" + Einde);
        using var request = new HttpRequestMessage(HttpMethod.Post, Url(endpoint)) { Content = new StreamContent(body) };
        request.Content.Headers.ContentType = new("text/xml") { CharSet = "utf-8" };
        request.Content.Headers.ContentLength = body.Length;
        request.Headers.ExpectContinue = true; // the body goes only when the server asks for it: it never does

        using var response = await http.SendAsync(request, _ct);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(SoapFoutcodes.TeGroot, (await FaultAsync(response)).Foutcode);
        Assert.Equal(0, body.BytesRead);
        Assert.Equal(before, await StateAsync());
    }

    public static TheoryData<string, string> Hostile => new()
    {
        { "niet welgevormd", Envelope + "<o:documentRequest><o:sessieId>" },
        { "DTD", "<!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;\">]>" + Envelope + "<o:documentRequest><o:pgn>&b;</o:pgn></o:documentRequest>" + Einde },
        { "diep genest", Envelope + "<o:documentRequest>" + string.Concat(Enumerable.Repeat("<o:x>", 50_000)) + string.Concat(Enumerable.Repeat("</o:x>", 50_000)) + "</o:documentRequest>" + Einde },
        { "leeg", "" },
        { "geen verzoek", Envelope + "<o:documentResponse><o:resultaat>TechnischeFout</o:resultaat></o:documentResponse>" + Einde },
        { "onbekende operatie", Envelope + "<o:afmeldingRequest><o:bronBrin>91PO</o:bronBrin></o:afmeldingRequest>" + Einde },
        { "ongeldig PGN", Envelope + "<o:documentRequest><o:pgn>999991001</o:pgn></o:documentRequest>" + Einde },
        { "SOAP 1.2", "<e:Envelope xmlns:e=\"http://www.w3.org/2003/05/soap-envelope\"><e:Body/></e:Envelope>" },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task Hostile_input_at_an_aanleverpunt_gets_a_Client_fault_quoting_nothing_and_changes_nothing(string waarom, string body)
    {
        fixture.RequireChain();
        var before = await StateAsync();
        using var http = fixture.NodeHttpClient(fixture.Node.SystemCertificate);
        using var content = new StringContent(body, Encoding.UTF8, "text/xml");

        using var response = await http.PostAsync(Url("aanleverpunt"), content, _ct);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var fault = await FaultAsync(response);
        Assert.True(fault.Code is SoapFaultCode.Client or SoapFaultCode.VersionMismatch, waarom);
        Assert.DoesNotContain("999991001", fault.Omschrijving);
        Assert.Equal(before, await StateAsync());
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task An_oversized_body_sent_without_a_length_is_TeGroot_and_read_no_further_than_the_limit(string endpoint)
    {
        fixture.RequireChain();
        var before = await StateAsync();
        using var http = fixture.NodeHttpClient(fixture.Node.SystemCertificate);
        var body = new GeneratedStream(Envelope + "<o:overzichtAanleverpuntRequest><o:brin>", (byte)'A', 64L * 1024 * 1024, "</o:brin></o:overzichtAanleverpuntRequest>" + Einde);
        using var content = new StreamContent(body); // not seekable: sent chunked, so only the reader's own count stops it
        content.Headers.ContentType = new("text/xml");

        try
        {
            using var response = await http.PostAsync(Url(endpoint), content, _ct);
            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
            Assert.Equal(SoapFoutcodes.TeGroot, (await FaultAsync(response)).Foutcode);
        }
        catch (HttpRequestException)
        {
            // the server answered and closed while we were still sending: refused either way
        }
        Assert.True(body.BytesRead < 16L * 1024 * 1024, $"the server read {body.BytesRead} bytes");
        Assert.Equal(before, await StateAsync());
    }

    [Fact]
    public Task An_internal_error_at_an_aanleverpunt_is_a_Server_fault_logged_by_type_only_without_a_stack_trace_or_pupil_data() =>
        InternalErrorAsync(8 * 1024);

    // the copy of a release past the 8 MiB threshold went into a spool file before its last chunk failed: it is removed
    [Fact]
    public Task An_internal_error_after_the_answer_spooled_leaves_no_spool_file() => InternalErrorAsync(9 * 1024 * 1024);

    private async Task InternalErrorAsync(long attachmentSize)
    {
        fixture.RequireChain();
        var (pupil, _) = await fixture.ReleasedPupilAsync(_ct, attachmentSize);
        var pgn = ChainFixture.PgnOf(pupil);
        // broken infrastructure: the stored release no longer decrypts (its last chunk altered; ADR 0014 phase 3)
        await using (var db = fixture.ReadNode())
        {
            var release = await db.Releases.OrderByDescending(r => r.ReleasedAt).FirstAsync(_ct);
            var last = release.XmlChunks - 1;
            var chunk = await db.StoredChunks.Where(c => c.OwnerKind == Oso.School.Storage.StoredChunks.Release && c.OwnerId == release.Id && c.Sequence == last)
                .Select(c => c.Data).SingleAsync(_ct);
            var tampered = chunk.ToArray();
            tampered[^1] ^= 0xFF;
            Assert.Equal(1, await db.StoredChunks.Where(c => c.OwnerKind == Oso.School.Storage.StoredChunks.Release && c.OwnerId == release.Id && c.Sequence == last)
                .ExecuteUpdateAsync(u => u.SetProperty(c => c.Data, tampered), _ct));
        }
        var geheim = Oso.Protocol.Identifiers.ZoeksleutelGeheim.Nieuw();
        var sessie = await fixture.OpenSessionAsync(pgn, geheim, _ct);
        using var http = fixture.NodeHttpClient(fixture.Node.SystemCertificate);
        using var message = new MemoryStream();
        await SoapWriter.WriteAsync(message, fixture.DocumentRequest(sessie, pgn, geheim), _ct);
        using var content = new ByteArrayContent(message.ToArray());
        content.Headers.ContentType = new("text/xml") { CharSet = "utf-8" };

        var earlier = fixture.SchoolLogs.Lines.Count(l => l.Contains("Interne fout bij documentRequest", StringComparison.Ordinal)); // the other case's

        using var response = await http.PostAsync(Url("aanleverpunt"), content, _ct);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var fault = await FaultAsync(response);
        Assert.Equal(SoapFaultCode.Server, fault.Code);
        Assert.Equal(SoapFoutcodes.InterneFout, fault.Foutcode);
        var logged = fixture.SchoolLogs.Lines.Where(l => l.Contains("Interne fout bij documentRequest", StringComparison.Ordinal)).Skip(earlier).ToList();
        var line = Assert.Single(logged);
        Assert.Contains("Exception", line);
        Assert.DoesNotContain("   at ", line);
        Assert.DoesNotContain(pgn.Value, fixture.SchoolLogs.All);
        await using var check = fixture.ReadNode();
        Assert.False(await check.Disclosures.AnyAsync(d => d.SessieId == sessie.Value, _ct));
        await ChainFixture.NoSpoolFileLeftAsync(_ct);
    }

    private static async Task<SoapFault> FaultAsync(HttpResponseMessage response)
    {
        var read = await SoapReader.ReadAsync(await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken),
            cancellationToken: TestContext.Current.CancellationToken);
        return Assert.IsType<SoapReadResult.FaultReceived>(read).Fault;
    }

    /// <summary>What a refused request must not change: the node's rows and Central's sessions.</summary>
    private async Task<(int Audit, int Requests, int Disclosures, int Outbox, int Sessions)> StateAsync()
    {
        await using var db = fixture.ReadNode();
        return (await db.Audit.CountAsync(_ct), await db.IncomingRequests.CountAsync(_ct), await db.Disclosures.CountAsync(_ct), await db.Outbox.CountAsync(_ct),
            (await fixture.Chain.Central.Admin.SessionsAsync(null, null, 10_000, _ct)).Count);
    }
}
