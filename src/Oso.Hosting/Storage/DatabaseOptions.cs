namespace Oso.Hosting.Storage;

/// <summary>Which database engine stores a host's data.</summary>
public enum DatabaseProvider
{
    /// <summary>The embedded default: a SQLite file in the data directory.</summary>
    Sqlite,

    /// <summary>PostgreSQL, for production and for several instances of a host.</summary>
    Postgres,
}

/// <summary>Where a host keeps its data.</summary>
/// <param name="Provider">SQLite or PostgreSQL.</param>
/// <param name="ConnectionString">An ADO.NET connection string.</param>
public sealed record DatabaseOptions(DatabaseProvider Provider, string ConnectionString)
{
    /// <summary>SQLite in a data directory (created when missing).</summary>
    public static DatabaseOptions SqliteIn(string dataDirectory, string fileName)
    {
        Directory.CreateDirectory(dataDirectory);
        return new DatabaseOptions(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(dataDirectory, fileName)};Pooling=true");
    }

    /// <summary>
    /// From a connection string given by the user: PostgreSQL when it names a host (<c>Host=</c>), SQLite when it is
    /// <c>Data Source=</c>; null or empty means SQLite in the data directory.
    /// </summary>
    public static DatabaseOptions From(string? connectionString, string dataDirectory, string fileName)
    {
        if (string.IsNullOrWhiteSpace(connectionString)) return SqliteIn(dataDirectory, fileName);
        return connectionString.Contains("Host=", StringComparison.OrdinalIgnoreCase)
            ? new DatabaseOptions(DatabaseProvider.Postgres, connectionString)
            : new DatabaseOptions(DatabaseProvider.Sqlite, connectionString);
    }

    /// <summary>A description without secrets, for start-up messages.</summary>
    public string Describe()
    {
        if (Provider == DatabaseProvider.Sqlite) return "SQLite " + ConnectionString.Split(';')[0].Replace("Data Source=", "", StringComparison.OrdinalIgnoreCase);
        var parts = ConnectionString.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !p.StartsWith("Password", StringComparison.OrdinalIgnoreCase));
        return "PostgreSQL " + string.Join(";", parts);
    }
}
