namespace Oso.Cli.Tests;

/// <summary>Runs the command line in process, as <c>oso ARGS</c> would, and gives its exit code and both outputs.</summary>
internal static class CliRunner
{
    public static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await OsoCli.RunAsync(args, CliContext.Capture(output, error), TestContext.Current.CancellationToken);
        return (code, output.ToString(), error.ToString());
    }
}
