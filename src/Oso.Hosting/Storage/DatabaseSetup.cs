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
    public static IServiceCollection AddOsoDatabase<TContext, TSqlite, TPostgres>(this IServiceCollection services, DatabaseOptions options)
        where TContext : DbContext
        where TSqlite : TContext
        where TPostgres : TContext
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(options);
        if (options.Provider == DatabaseProvider.Sqlite)
        {
            services.AddDbContextFactory<TSqlite>(o => o.UseSqlite(options.ConnectionString, s => s.CommandTimeout(60)).AddInterceptors(new SqlitePragmas()));
            services.AddScoped<TContext>(sp => sp.GetRequiredService<IDbContextFactory<TSqlite>>().CreateDbContext());
            services.AddSingleton<IDbContextFactory<TContext>>(sp => new Upcast<TContext, TSqlite>(sp.GetRequiredService<IDbContextFactory<TSqlite>>()));
        }
        else
        {
            services.AddDbContextFactory<TPostgres>(o => o.UseNpgsql(options.ConnectionString));
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
