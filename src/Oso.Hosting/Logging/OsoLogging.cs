using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Oso.Hosting.Logging;

/// <summary>
/// The hosts' console log: one readable line per entry, or one JSON object per line (<see cref="LogFormat.Json"/>)
/// with time, level, category, event id, message, the trace and span id of the current activity and the exception's
/// type and stack (never its message, which may quote input). Scopes are left out on purpose: ASP.NET Core's request scope carries the raw request path, which for the LAS
/// API holds the LAS's pupil number.
/// </summary>
public static class OsoLogging
{
    /// <summary>
    /// Framework categories logged from Warning only: at Information ASP.NET Core logs every request's URL, which for the
    /// LAS API holds the LAS's pupil number. A log sink added beside the console (a test's capture) applies the same rules.
    /// </summary>
    public static IReadOnlyList<string> WarningOnlyCategories { get; } = ["Microsoft", "System.Net.Http"];

    /// <summary>Replaces the providers with the console in the given format; <c>Microsoft.*</c> and <c>System.Net.Http</c> only from Warning.</summary>
    public static ILoggingBuilder AddOsoConsole(this ILoggingBuilder logging, LogFormat format, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(logging);
        logging.ClearProviders();
        if (format == LogFormat.Json)
        {
            logging.AddConsole(o => o.FormatterName = OsoJsonFormatter.FormatterName);
            logging.AddConsoleFormatter<OsoJsonFormatter, ConsoleFormatterOptions>();
            logging.Services.AddSingletonTime(time);
        }
        else
        {
            logging.AddSimpleConsole(c => c.SingleLine = true);
        }
        foreach (var category in WarningOnlyCategories) logging.AddFilter(category, LogLevel.Warning);
        return logging;
    }

    private static void AddSingletonTime(this Microsoft.Extensions.DependencyInjection.IServiceCollection services, TimeProvider time) =>
        Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions.TryAdd(services,
            Microsoft.Extensions.DependencyInjection.ServiceDescriptor.Singleton(time));

    /// <summary>Writes one entry as a JSON line (used by the console formatter and by tests).</summary>
    public static string ToJsonLine(DateTimeOffset at, LogLevel level, string category, EventId eventId, string message, Exception? exception, Activity? activity)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("timestamp", at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            json.WriteString("level", level.ToString());
            json.WriteString("category", category);
            if (eventId.Id != 0) json.WriteNumber("eventId", eventId.Id);
            json.WriteString("message", message);
            if (activity is { IdFormat: ActivityIdFormat.W3C })
            {
                json.WriteString("traceId", activity.TraceId.ToHexString());
                json.WriteString("spanId", activity.SpanId.ToHexString());
            }
            if (exception is not null)
            {
                // the type and the frames, not the message: a message may quote input (pupil data)
                json.WriteString("exception", exception.GetType().FullName);
                if (exception.StackTrace is { } stack) json.WriteString("stackTrace", stack);
            }
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The JSON console formatter.</summary>
    internal sealed class OsoJsonFormatter(TimeProvider time) : ConsoleFormatter(FormatterName)
    {
        public const string FormatterName = "oso-json";

        public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
        {
            var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
            if (message is null && logEntry.Exception is null) return;
            // the console logger formats on the calling thread: Activity.Current is the caller's
            textWriter.WriteLine(ToJsonLine(time.GetUtcNow(), logEntry.LogLevel, logEntry.Category, logEntry.EventId, message ?? "", logEntry.Exception, Activity.Current));
        }
    }
}
