using Microsoft.EntityFrameworkCore;
using Oso.School.Storage;

namespace Oso.School.Tests.Storage;

/// <summary>
/// The migrations of each engine describe the model exactly: two branches that each add a migration merge their model
/// snapshots as text, and a change one of them missed would otherwise reach a database only as a runtime error.
/// </summary>
public sealed class MigrationSnapshotTests
{
    [Fact]
    public void The_sqlite_migrations_describe_the_whole_model()
    {
        using var db = new SqliteSchoolDbContextFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "Het model wijkt af van de SQLite-migraties: voeg een migratie toe (dotnet ef migrations add).");
    }

    [Fact]
    public void The_postgres_migrations_describe_the_whole_model()
    {
        using var db = new PostgresSchoolDbContextFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "Het model wijkt af van de PostgreSQL-migraties: voeg een migratie toe (dotnet ef migrations add).");
    }
}
