using System.CommandLine;
using System.Net;

namespace Oso.Cli.Health;

/// <summary>
/// <c>oso health [--url URL]</c>: asks a service on this machine whether it is live or ready (exit 0) or not (exit 1) —
/// the container image's HEALTHCHECK, which has no curl. Only loopback addresses: the server certificate is not
/// checked (the probe sends nothing secret and reads only the status), so it must never leave the machine.
/// </summary>
internal static class HealthCommand
{
    /// <summary>The environment variable with the default URL (set per service in the image or compose file).</summary>
    public const string UrlVariable = "OSO_HEALTH_URL";

    public static Command Create(CliContext context)
    {
        var url = new Option<string?>("--url") { Description = $"Het adres, bijvoorbeeld https://127.0.0.1:7410/health/live (standaard {UrlVariable}, anders Central op 7400)." };
        var command = new Command("health", "Vraag een dienst op deze machine of hij leeft of gereed is (exitcode 0) of niet (1); voor de HEALTHCHECK van het image.") { url };
        command.SetAction(async (parse, ct) =>
        {
            var text = parse.GetValue(url) ?? Environment.GetEnvironmentVariable(UrlVariable) ?? "https://127.0.0.1:7400/health/live";
            if (!Uri.TryCreate(text, UriKind.Absolute, out var target) || !IsLoopback(target))
            {
                await context.Error.WriteLineAsync($"oso: '{text}' is geen adres op deze machine (127.0.0.1, ::1 of localhost).").ConfigureAwait(false);
                return ExitCodes.Usage;
            }
            // any certificate the local service presents: the target is loopback (checked above) and the probe sends nothing secret
            using var handler = new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null } };
            using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(5) };
            try
            {
                using var response = await http.GetAsync(target, ct).ConfigureAwait(false);
                var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
                await context.Out.WriteLineAsync($"{(int)response.StatusCode} {body}").ConfigureAwait(false);
                return response.IsSuccessStatusCode ? ExitCodes.Ok : ExitCodes.Failed;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                await context.Error.WriteLineAsync($"oso: {target} antwoordt niet ({e.GetType().Name}).").ConfigureAwait(false);
                return ExitCodes.Failed;
            }
        });
        return command;
    }

    private static bool IsLoopback(Uri uri) =>
        uri.Scheme is "https" or "http" && (uri.IsLoopback || IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
}
