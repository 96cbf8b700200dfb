using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Oso.Hosting.Storage;

/// <summary>
/// One writing transaction at a time per SQLite database in this process, waited for asynchronously. SQLite allows one
/// writer per file anyway; without this gate concurrent writers meet in <c>BEGIN IMMEDIATE</c>, and SQLite's busy handler
/// puts each loser to sleep on its thread (1, 2, 5, 10 … 100 ms) and wakes it only when its sleep ends, however soon the
/// writer before it finished: the profile of <c>oso bench tc</c> (bench/results.md §7) had 81 % of the Traffic Center's
/// request threads' time there. Waiting here hands the turn on at once and keeps the threads free. On PostgreSQL (any
/// number of instances) nothing waits here: row locks serialise what must be.
/// </summary>
public static class SqliteWriteGate
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    /// <summary>Waits for the write turn on <paramref name="database"/>'s SQLite file; dispose the turn to hand it on.</summary>
    public static async ValueTask<Turn> EnterAsync(DatabaseFacade database, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (!database.IsSqlite()) return default;
        var gate = Gates.GetOrAdd(database.GetConnectionString() ?? "", _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Turn(gate);
    }

    /// <summary>A write turn; <see cref="Dispose"/> hands it on (a default turn, on PostgreSQL, holds nothing).</summary>
    public readonly struct Turn : IDisposable, IEquatable<Turn>
    {
        private readonly SemaphoreSlim? _gate;

        internal Turn(SemaphoreSlim gate) => _gate = gate;

        /// <summary>True when this turn holds a SQLite file's gate.</summary>
        public bool Held => _gate is not null;

        /// <inheritdoc />
        public void Dispose() => _gate?.Release();

        /// <inheritdoc />
        public bool Equals(Turn other) => ReferenceEquals(_gate, other._gate);

        /// <inheritdoc />
        public override bool Equals(object? obj) => obj is Turn other && Equals(other);

        /// <inheritdoc />
        public override int GetHashCode() => _gate?.GetHashCode() ?? 0;

        /// <summary>Same gate.</summary>
        public static bool operator ==(Turn left, Turn right) => left.Equals(right);

        /// <summary>Not the same gate.</summary>
        public static bool operator !=(Turn left, Turn right) => !left.Equals(right);
    }
}
