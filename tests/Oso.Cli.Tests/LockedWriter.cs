namespace Oso.Cli.Tests;

/// <summary>A StringWriter that a running command may write to while the test reads it.</summary>
internal sealed class LockedWriter : StringWriter
{
    private readonly Lock _lock = new();

    public override void Write(char value)
    {
        lock (_lock) base.Write(value);
    }

    public override void Write(string? value)
    {
        lock (_lock) base.Write(value);
    }

    public override void Write(char[] buffer, int index, int count)
    {
        lock (_lock) base.Write(buffer, index, count);
    }

    public string Snapshot()
    {
        lock (_lock) return ToString();
    }
}
