using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Oso.School.Storage;

/// <summary>For <c>dotnet ef migrations add ... --context SqliteSchoolDbContext</c> (design time only).</summary>
public sealed class SqliteSchoolDbContextFactory : IDesignTimeDbContextFactory<SqliteSchoolDbContext>
{
    /// <inheritdoc />
    public SqliteSchoolDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteSchoolDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

/// <summary>For <c>dotnet ef migrations add ... --context PostgresSchoolDbContext</c> (design time only).</summary>
public sealed class PostgresSchoolDbContextFactory : IDesignTimeDbContextFactory<PostgresSchoolDbContext>
{
    /// <inheritdoc />
    public PostgresSchoolDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresSchoolDbContext>().UseNpgsql("Host=localhost;Database=design_time").Options);
}
