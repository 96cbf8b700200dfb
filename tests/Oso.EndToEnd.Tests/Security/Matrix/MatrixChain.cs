using Oso.Testing;

namespace Oso.EndToEnd.Tests.Security.Matrix;

/// <summary>A clock that runs with the system clock and can be moved forward (sessions and parents' links expire).</summary>
public sealed class ShiftingClock : TimeProvider
{
    private long _offset;

    public override DateTimeOffset GetUtcNow() => TimeProvider.System.GetUtcNow().AddTicks(Interlocked.Read(ref _offset));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offset, by.Ticks);
}

/// <summary>The one chain the authorization matrix runs against (SQLite: the matrix compares the database files).</summary>
public sealed class MatrixChain : ChainFixture
{
    public ShiftingClock Clock { get; } = new();

    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override TimeProvider Time => Clock;

    /// <summary>Both database files.</summary>
    public IReadOnlyList<string> DatabaseFiles => [Path.Combine(DataDirectory, "central", "central.db"), Path.Combine(DataDirectory, "school", "school.db")];
}
