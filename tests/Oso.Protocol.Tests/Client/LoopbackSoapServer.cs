using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Oso.Protocol.Messages;
using Oso.Protocol.Security;
using Oso.Protocol.Soap;

namespace Oso.Protocol.Tests.Client;

/// <summary>
/// A deliberately small HTTPS SOAP server on a loopback port (no Kestrel): mutual TLS with our validator, one
/// request per connection (Content-Length bodies only), answers from <c>handle</c>, faults for unreadable input.
/// </summary>
internal sealed class LoopbackSoapServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public LoopbackSoapServer(X509Certificate2 serverCertificate, OsoCertificateValidator validator, Func<OsoRequest, OsoResponse> handle)
    {
        _listener.Start();
        Url = new Uri($"https://localhost:{((IPEndPoint)_listener.LocalEndpoint).Port}/oso");
        _loop = Task.Run(() => AcceptAsync(serverCertificate, validator, handle));
    }

    public Uri Url { get; }

    /// <summary>What the server decided about each client certificate, in order.</summary>
    public List<CertificateCheck> ClientChecks { get; } = [];

    private async Task AcceptAsync(X509Certificate2 certificate, OsoCertificateValidator validator, Func<OsoRequest, OsoResponse> handle)
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient socket;
            try
            {
                socket = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            _ = Task.Run(() => ServeAsync(socket, certificate, validator, handle));
        }
    }

    private async Task ServeAsync(TcpClient socket, X509Certificate2 certificate, OsoCertificateValidator validator, Func<OsoRequest, OsoResponse> handle)
    {
        using var _ = socket;
        await using var tls = new SslStream(socket.GetStream());
        try
        {
            await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
            {
                ServerCertificate = certificate,
                ClientCertificateRequired = true,
                RemoteCertificateValidationCallback = (_, cert, chain, _) =>
                {
                    var check = validator.ValidateClient(cert as X509Certificate2, chain);
                    lock (ClientChecks) ClientChecks.Add(check);
                    return check is CertificateCheck.Accepted;
                },
            }, _stop.Token);
            var body = await ReadRequestBodyAsync(tls);
            var result = await SoapReader.ReadRequestAsync(new MemoryStream(body), cancellationToken: _stop.Token);
            var answer = new MemoryStream();
            var status = "200 OK";
            if (result is SoapReadResult.Read { Message: OsoRequest request }) await SoapWriter.WriteAsync(answer, handle(request), _stop.Token);
            else
            {
                status = "500 Internal Server Error";
                await SoapWriter.WriteFaultAsync(answer, ((SoapReadResult.Rejected)result).Fault, _stop.Token);
            }
            var head = $"HTTP/1.1 {status}\r\nContent-Type: {SoapWriter.ContentType}\r\nContent-Length: {answer.Length}\r\nConnection: close\r\n\r\n";
            await tls.WriteAsync(Encoding.ASCII.GetBytes(head), _stop.Token);
            await tls.WriteAsync(answer.ToArray(), _stop.Token);
            await tls.FlushAsync(_stop.Token);
        }
        catch (Exception e) when (e is AuthenticationException or IOException or OperationCanceledException)
        {
            // the handshake was refused or the client went away: nothing to answer
        }
    }

    private async Task<byte[]> ReadRequestBodyAsync(Stream stream)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (!(head.Count >= 4 && head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n'))
        {
            if (await stream.ReadAsync(one, _stop.Token) == 0) throw new IOException("request ended in its head");
            head.Add(one[0]);
        }
        var lengthLine = Encoding.ASCII.GetString(head.ToArray()).Split("\r\n")
            .Single(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        var body = new byte[int.Parse(lengthLine["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture)];
        await stream.ReadExactlyAsync(body, _stop.Token);
        return body;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
        _stop.Dispose();
    }
}
