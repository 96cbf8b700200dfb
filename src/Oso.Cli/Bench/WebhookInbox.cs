using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Oso.School.LasApi;

namespace Oso.Cli.Bench;

/// <summary>
/// The benchmark LAS's webhook: an HTTP listener on loopback that hears <c>aanvraag.afgerond</c> from the School node
/// (docs/school.md §9), checks its signature and timestamp as a LAS must, and wakes whoever waits for that request.
/// So the load generator learns that a request ended the way a real LAS does — one POST from the node — instead of
/// polling every open request (which, once requests queue, multiplies the load on the cluster it measures).
/// </summary>
internal sealed class WebhookInbox : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly HttpListener _listener = new();
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource> _finished = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _received;
    private long _refused;

    private WebhookInbox(int port)
    {
        Secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        Url = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/las/webhook");
        _listener.Prefixes.Add($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/las/");
        _listener.Start();
        _loop = Task.Run(ListenAsync);
    }

    /// <summary>Where the node posts.</summary>
    public Uri Url { get; }

    /// <summary>The webhook's secret (the node signs with it).</summary>
    public string Secret { get; }

    /// <summary>Deliveries accepted (signature and timestamp right).</summary>
    public long Received => Interlocked.Read(ref _received);

    /// <summary>Deliveries refused (bad signature, old timestamp or unreadable).</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>Listens on 127.0.0.1:<paramref name="port"/>.</summary>
    public static WebhookInbox Start(int port) => new(port);

    /// <summary>
    /// Waits until the node reported that <paramref name="requestId"/> ended (also when the report came before this
    /// call); false when <paramref name="timeout"/> passed first.
    /// </summary>
    public async Task<bool> WaitAsync(Guid requestId, TimeSpan timeout, CancellationToken ct)
    {
        var finished = _finished.GetOrAdd(requestId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        try
        {
            await finished.Task.WaitAsync(timeout, ct).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private async Task ListenAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().WaitAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        try
        {
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body, _stop.Token).ConfigureAwait(false);
            var bytes = body.ToArray();
            var timestamp = context.Request.Headers[Webhooks.TimestampHeader];
            var signature = context.Request.Headers[Webhooks.SignatureHeader];
            var fresh = long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                && Math.Abs(TimeProvider.System.GetUtcNow().ToUnixTimeSeconds() - seconds) <= 300;
            if (!fresh || signature is null || !CryptographicOperations.FixedTimeEquals(
                    Encoding.ASCII.GetBytes(Webhooks.Sign(Secret, timestamp!, bytes)), Encoding.ASCII.GetBytes(signature)))
            {
                Interlocked.Increment(ref _refused);
                context.Response.StatusCode = 401;
                return;
            }
            var message = JsonSerializer.Deserialize<Webhooks.RequestBody>(bytes, Json);
            if (message is { Gebeurtenis: "aanvraag.afgerond" })
                _finished.GetOrAdd(message.Id, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
            Interlocked.Increment(ref _received);
            context.Response.StatusCode = 204;
        }
        catch (Exception e) when (e is JsonException or IOException or HttpListenerException or OperationCanceledException)
        {
            Interlocked.Increment(ref _refused);
            context.Response.StatusCode = 400;
        }
        finally
        {
            try
            {
                context.Response.Close();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                // the node gave up on this delivery; it retries
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Close();
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
