using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Oso.Hosting.Storage;

/// <summary>
/// Registers a host's DbContext for the configured engine. Each host has one context type with a subclass per
/// engine (<typeparamref name="TSqlite"/>, <typeparamref name="TPostgres"/>), because EF Core migrations are
/// engine-specific; both subclasses share the model of <typeparamref name="TContext"/>.
/// </summary>
public static class DatabaseSetup
{
    /// <summary>Adds <typeparamref name="TContext"/> (resolved as the engine's subclass) and a factory for it.</summary>
    /// <param name="services">The host's services.</param>
    /// <param name="options">Engine and connection.</param>
    /// <param name="pooled">
    /// Hand out contexts from a pool (EF Core's <c>AddPooledDbContextFactory</c>): a context's internal services are
    /// resolved once and the context is reset and reused, instead of built with its own service scope on every call (4–12 %
    /// of a Traffic Center call, bench/results.md §7). Only for a context that keeps no state of its own beyond what EF Core
    /// resets (the change tracker, the transaction, the database settings), or one that clears its own when disposed (the
    /// School node's, whose after-commit actions would otherwise pass from a failed unit of work to the next user).
    /// </param>
    public static IServiceCollection AddOsoDatabase<TContext, TSqlite, TPostgres>(this IServiceCollection services, DatabaseOptions options, bool pooled = false)
        where TContext : DbContext
        where TSqlite : TContext
        where TPostgres : TContext
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(options);
        if (options.Provider == DatabaseProvider.Sqlite)
        {
            var pragmas = new SqlitePragmas();
            void Sqlite(DbContextOptionsBuilder o) => o.UseSqlite(options.ConnectionString, s => s.CommandTimeout(60)).AddInterceptors(pragmas);
            if (pooled) services.AddPooledDbContextFactory<TSqlite>(Sqlite);
            else services.AddDbContextFactory<TSqlite>(Sqlite);
            services.AddScoped<TContext>(sp => sp.GetRequiredService<IDbContextFactory<TSqlite>>().CreateDbContext());
            services.AddSingleton<IDbContextFactory<TContext>>(sp => new Upcast<TContext, TSqlite>(sp.GetRequiredService<IDbContextFactory<TSqlite>>()));
        }
        else
        {
            void Postgres(DbContextOptionsBuilder o) => o.UseNpgsql(options.ConnectionString);
            if (pooled) services.AddPooledDbContextFactory<TPostgres>(Postgres);
            else services.AddDbContextFactory<TPostgres>(Postgres);
            services.AddScoped<TContext>(sp => sp.GetRequiredService<IDbContextFactory<TPostgres>>().CreateDbContext());
            services.AddSingleton<IDbContextFactory<TContext>>(sp => new Upcast<TContext, TPostgres>(sp.GetRequiredService<IDbContextFactory<TPostgres>>()));
        }
        return services;
    }

    /// <summary>Applies pending migrations (creating the database when missing) and, for SQLite, enables WAL.</summary>
    public static async Task MigrateAsync(DbContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        await context.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        if (context.Database.IsSqlite())
            await context.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken).ConfigureAwait(false);
    }

    private sealed class Upcast<TBase, TDerived>(IDbContextFactory<TDerived> inner) : IDbContextFactory<TBase>
        where TBase : DbContext
        where TDerived : TBase
    {
        public TBase CreateDbContext() => inner.CreateDbContext();
    }
}
