namespace Oso.Cli.Tests.Hosting;

/// <summary>A long-running <c>oso … serve</c> in process: its output, the URL it printed, and a clean stop.</summary>
internal sealed class RunningCli : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
    private readonly Task<int> _run;

    private RunningCli(string[] args)
    {
        _run = OsoCli.RunAsync(args, new CliContext(Output, Error, false, TimeProvider.System), _stop.Token);
    }

    public LockedWriter Output { get; } = new();

    public StringWriter Error { get; } = new();

    public static RunningCli Start(params string[] args) => new(args);

    /// <summary>Waits for a line that starts with <paramref name="marker"/> and returns the URL after it.</summary>
    public async Task<Uri> UrlAfterAsync(string marker)
    {
        for (var i = 0; i < 900; i++)
        {
            var text = Output.Snapshot();
            var at = text.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0)
            {
                var rest = text[(at + marker.Length)..];
                return new Uri(rest[..rest.IndexOfAny([' ', '\n'])].Trim());
            }
            if (_run.IsCompleted) Assert.Fail($"oso stopped with {await _run}: {text} {Error}");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
        throw new TimeoutException($"No '{marker}' within 90 s: {Output.Snapshot()} {Error}");
    }

    /// <summary>Waits for the command to end by itself (a refusal at start).</summary>
    public Task<int> ExitAsync() => _run.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            Assert.Equal(ExitCodes.Ok, await _run.WaitAsync(TimeSpan.FromSeconds(30)));
        }
        finally
        {
            _stop.Dispose();
            Output.Dispose();
            Error.Dispose();
        }
    }
}
