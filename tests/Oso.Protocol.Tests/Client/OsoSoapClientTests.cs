using System.Net;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Oso.Protocol.Client;
using Oso.Protocol.Messages;
using Oso.Protocol.Results;
using Oso.Protocol.Soap;

namespace Oso.Protocol.Tests.Client;

public class OsoSoapClientTests
{
    private static readonly Uri Endpoint = new("https://tc.oso.test/oso");

    private static readonly SessiecontroleRequest Request =
        new(TestData.Routering, new SessieSleutel.Zoek(TestData.Zoek), Overdrachtsoort.Overstapdossier, TestData.Sessie);

    [Fact]
    public async Task The_request_is_posted_as_soap_and_the_typed_response_returned()
    {
        HttpRequestMessage? seen = null;
        OsoMessage? body = null;
        long? length = null;
        var client = Client(async (request, ct) =>
        {
            seen = request;
            length = request.Content!.Headers.ContentLength;
            body = TestData.Read<OsoMessage>(await SoapReader.ReadAsync(await request.Content!.ReadAsStreamAsync(ct), cancellationToken: ct));
            return await Soap(HttpStatusCode.OK, new SessiecontroleResponse.Geldig("VO", TestData.Brin00YY, TestData.Rk932, TestData.Systeem));
        });

        var result = await client.SendAsync(Endpoint, Request, TestData.Ct);

        Assert.Equal(new SessiecontroleResponse.Geldig("VO", TestData.Brin00YY, TestData.Rk932, TestData.Systeem), Assert.IsType<OsoCallResult<SessiecontroleResponse>.Success>(result).Response);
        Assert.Equal(Request, body);
        Assert.Equal(HttpMethod.Post, seen!.Method);
        Assert.Equal("text/xml", seen.Content!.Headers.ContentType!.MediaType);
        Assert.Equal("\"\"", seen.Headers.GetValues("SOAPAction").Single());
        Assert.NotNull(length);
    }

    [Fact]
    public async Task A_functional_refusal_is_a_normal_response()
    {
        var client = Client((_, _) => Soap(HttpStatusCode.OK, new SessiecontroleResponse.Ongeldig(ResultaatCode.SessieReedsAfgemeld)));

        var response = Assert.IsType<OsoCallResult<SessiecontroleResponse>.Success>(await client.SendAsync(Endpoint, Request, TestData.Ct)).Response;

        Assert.Equal(ResultaatCode.SessieReedsAfgemeld, Assert.IsType<SessiecontroleResponse.Ongeldig>(response).Resultaat);
    }

    [Fact]
    public async Task A_soap_fault_is_a_typed_failure_with_the_fault()
    {
        var fault = SoapFault.Client(SoapFoutcodes.ElementOntbreekt, "Het verplichte element 'sessieId' ontbreekt.");
        var client = Client(async (_, _) =>
        {
            var buffer = new MemoryStream();
            await SoapWriter.WriteFaultAsync(buffer, fault, TestData.Ct);
            return new HttpResponseMessage(HttpStatusCode.InternalServerError) { Content = new ByteArrayContent(buffer.ToArray()) };
        });

        var failure = Failure(await client.SendAsync(Endpoint, Request, TestData.Ct));

        Assert.Equal(OsoCallFailureKind.SoapFout, failure.Soort);
        Assert.Equal(fault, failure.Fault);
        Assert.Contains("tc.oso.test", failure.Omschrijving);
        Assert.Contains("sessieId", failure.Omschrijving);
    }

    [Fact]
    public async Task An_http_error_status_is_a_typed_failure()
    {
        var client = Client((_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotFound)));

        var failure = Failure(await client.SendAsync(Endpoint, Request, TestData.Ct));

        Assert.Equal(OsoCallFailureKind.HttpStatus, failure.Soort);
        Assert.Equal(404, failure.HttpStatus);
    }

    [Fact]
    public async Task An_answer_that_is_no_soap_is_an_invalid_answer()
    {
        var client = Client((_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("<html>hallo</html>") }));

        var failure = Failure(await client.SendAsync(Endpoint, Request, TestData.Ct));

        Assert.Equal(OsoCallFailureKind.OngeldigAntwoord, failure.Soort);
        Assert.Equal(SoapFoutcodes.GeenEnvelope, failure.Fault?.Foutcode);
    }

    [Fact]
    public async Task The_answer_to_another_operation_is_unexpected()
    {
        var client = Client((_, _) => Soap(HttpStatusCode.OK, new AfmeldingResponse(ResultaatCode.AfmeldingOntvangen)));

        Assert.Equal(OsoCallFailureKind.OnverwachtAntwoord, Failure(await client.SendAsync(Endpoint, Request, TestData.Ct)).Soort);
    }

    [Fact]
    public async Task No_answer_within_the_timeout_is_a_timeout()
    {
        var time = new FakeTimeProvider();
        var client = Client(async (_, ct) =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            throw new InvalidOperationException("unreachable");
        }, new OsoSoapClientOptions { Timeout = TimeSpan.FromSeconds(30), TimeProvider = time });

        var call = client.SendAsync(Endpoint, Request, TestData.Ct);
        while (!call.IsCompleted)
        {
            time.Advance(TimeSpan.FromSeconds(31));
            await Task.Delay(10, TestData.Ct);
        }

        var failure = Failure(await call);
        Assert.Equal(OsoCallFailureKind.Timeout, failure.Soort);
        Assert.Contains("30 seconden", failure.Omschrijving);
    }

    [Fact]
    public async Task The_callers_own_cancellation_is_not_a_failure()
    {
        using var cts = new CancellationTokenSource();
        var client = Client(async (_, ct) =>
        {
            await cts.CancelAsync();
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            throw new InvalidOperationException("unreachable");
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.SendAsync(Endpoint, Request, cts.Token));
    }

    [Fact]
    public async Task A_refused_connection_is_a_connection_failure()
    {
        var client = Client((_, _) => throw new HttpRequestException(HttpRequestError.ConnectionError, "refused"));

        var failure = Failure(await client.SendAsync(Endpoint, Request, TestData.Ct));

        Assert.Equal(OsoCallFailureKind.Verbinding, failure.Soort);
        Assert.Contains("tc.oso.test", failure.Omschrijving);
    }

    [Fact]
    public async Task A_failure_description_never_contains_the_pgn()
    {
        var documentRequest = new DocumentRequest(TestData.Routering, TestData.Sessie, Overdrachtsoort.Overstapdossier,
            new DocumentSleutel.Leerling(TestData.Bsn, TestData.Geheim), null);
        var client = Client(async (request, ct) =>
        {
            var echoed = await request.Content!.ReadAsStringAsync(ct);
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(echoed.Replace("documentRequest", "documentRespons", StringComparison.Ordinal)) };
        });

        var failure = Failure(await client.SendAsync(Endpoint, documentRequest, TestData.Ct));

        Assert.DoesNotContain(TestData.Bsn.Value, failure.ToString());
    }

    private static OsoCallFailure Failure<T>(OsoCallResult<T> result)
        where T : OsoResponse =>
        Assert.IsType<OsoCallResult<T>.Failure>(result).Fout;

    private static async Task<HttpResponseMessage> Soap(HttpStatusCode status, OsoMessage message) =>
        new(status) { Content = new ByteArrayContent(await TestData.WriteAsync(message)) };

    private static OsoSoapClient Client(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> handler, OsoSoapClientOptions? options = null) =>
        new(new HttpClient(new StubHandler(handler)), options);

    private sealed class StubHandler(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> handler) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            handler(request, cancellationToken);
    }
}
