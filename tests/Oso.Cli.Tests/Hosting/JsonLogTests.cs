using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Oso.Hosting.Logging;

namespace Oso.Cli.Tests.Hosting;

/// <summary><c>LogFormat: Json</c>: the hosts' console writes one JSON object per line, with the trace and span id, and no scopes.</summary>
public sealed class JsonLogTests
{
    [Fact]
    public void A_line_logged_inside_a_trace_carries_its_trace_and_span_id_and_nothing_of_the_request_scope()
    {
        using var source = new ActivitySource("Oso.Tests.JsonLog");
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == source.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddOsoConsole(LogFormat.Json, TimeProvider.System));
        using var provider = services.BuildServiceProvider();
        Assert.Equal("oso-json", provider.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName);
        var formatter = Assert.Single(provider.GetServices<ConsoleFormatter>(), f => f.Name == "oso-json");
        var scopes = new LoggerExternalScopeProvider();
        using var scope = scopes.Push(new Dictionary<string, object> { ["RequestPath"] = "/api/v1/scholen/91PO/leerlingen/LL1001/dossier" });
        using var writer = new StringWriter();

        using (var activity = source.StartActivity("verzoek"))
        {
            Assert.NotNull(activity);
            formatter.Write(new LogEntry<string>(LogLevel.Warning, "Oso.School.Outbox.OutboxWorker", new EventId(7), "Outbox: poging mislukt", new TimeoutException("geheim"),
                (state, _) => state), scopes, writer);
            var line = writer.ToString().TrimEnd('\n', '\r');
            Assert.DoesNotContain('\n', line);
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            Assert.Equal(activity.TraceId.ToHexString(), root.GetProperty("traceId").GetString());
            Assert.Equal(activity.SpanId.ToHexString(), root.GetProperty("spanId").GetString());
            Assert.Equal("Warning", root.GetProperty("level").GetString());
            Assert.Equal("Oso.School.Outbox.OutboxWorker", root.GetProperty("category").GetString());
            Assert.Equal("Outbox: poging mislukt", root.GetProperty("message").GetString());
            Assert.Equal(7, root.GetProperty("eventId").GetInt32());
            Assert.Equal("System.TimeoutException", root.GetProperty("exception").GetString());
            Assert.DoesNotContain("LL1001", line);  // the request scope (raw path) is not written
            Assert.DoesNotContain("geheim", line);  // nor an exception's message
        }
    }

    [Fact]
    public void Outside_a_trace_a_line_has_no_trace_id()
    {
        var line = OsoLogging.ToJsonLine(DateTimeOffset.UnixEpoch, LogLevel.Information, "c", default, "m", null, null);

        using var json = JsonDocument.Parse(line);
        Assert.False(json.RootElement.TryGetProperty("traceId", out _));
        Assert.Equal("1970-01-01T00:00:00.000Z", json.RootElement.GetProperty("timestamp").GetString());
    }
}
