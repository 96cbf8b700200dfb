namespace Oso.Cli;

/// <summary>Where a command writes, and whether a person is watching (progress bars only go to a terminal).</summary>
/// <param name="Out">Standard output: the command's results.</param>
/// <param name="Error">Standard error: progress and problems.</param>
/// <param name="ErrorIsTerminal">True when standard error is an interactive terminal.</param>
/// <param name="Time">The clock.</param>
public sealed record CliContext(TextWriter Out, TextWriter Error, bool ErrorIsTerminal, TimeProvider Time)
{
    /// <summary>The process's console.</summary>
    public static CliContext FromConsole() =>
        new(Console.Out, Console.Error, !Console.IsErrorRedirected, TimeProvider.System);

    /// <summary>Captured writers, for tests.</summary>
    public static CliContext Capture(StringWriter output, StringWriter error) =>
        new(output, error, false, TimeProvider.System);
}

/// <summary>Exit codes shared by every command.</summary>
public static class ExitCodes
{
    /// <summary>Everything succeeded (every file valid).</summary>
    public const int Ok = 0;

    /// <summary>The work was done but found a problem (an invalid dossier, a failed step).</summary>
    public const int Failed = 1;

    /// <summary>Wrong usage or unreadable input.</summary>
    public const int Usage = 2;
}
