namespace Oso.Hosting.Logging;

/// <summary>How a host writes its log to the console.</summary>
public enum LogFormat
{
    /// <summary>One readable line per entry.</summary>
    Text,

    /// <summary>One JSON object per line, with the trace id and span id (for a log collector).</summary>
    Json,
}
