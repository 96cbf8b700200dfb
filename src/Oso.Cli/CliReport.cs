using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Oso.Cli;

/// <summary>Runs a command's work and prints its result — Dutch text, or JSON with <c>--json</c> — and its exit code.</summary>
internal static class CliReport
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Exit 0 when the work reports ok, 1 when not (its result is printed either way), 1 for a refusal, 2 for wrong input; errors go to standard error in Dutch.</summary>
    public static async Task<int> RunAsync(CliContext context, bool json, Func<Task<(object Value, string Text, bool Ok)>> work)
    {
        try
        {
            var (value, text, ok) = await work().ConfigureAwait(false);
            await context.Out.WriteLineAsync(json ? JsonSerializer.Serialize(value, Json) : text).ConfigureAwait(false);
            return ok ? ExitCodes.Ok : ExitCodes.Failed;
        }
        catch (ArgumentException e)
        {
            await context.Error.WriteLineAsync("oso: " + e.Message).ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (InvalidOperationException e)
        {
            await context.Error.WriteLineAsync("oso: " + e.Message).ConfigureAwait(false);
            return ExitCodes.Failed;
        }
    }
}
