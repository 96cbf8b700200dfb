using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Oso.Central.Accounts;
using Oso.Central.Audit;
using Oso.Central.Hosting;
using Oso.Central.Register;
using Oso.Central.Storage;
using Oso.Hosting.Accounts;
using Oso.Hosting.Storage;

namespace Oso.Central;

/// <summary>
/// The operator's operations on the Register, qualification, certificates and traces — the same ones the CLI admin
/// commands and the management API use. Every change is audited under <see cref="Door"/>. Get one from a running
/// host (<see cref="CentralHandle.Admin"/>) or stand-alone on a data directory (<see cref="OpenAsync"/>).
/// Expected failures are values (<see cref="Uitkomst{T}"/>) with Dutch text.
/// </summary>
public sealed partial class CentralAdmin : IAsyncDisposable
{
    private readonly IServiceProvider _services;
    private readonly ServiceProvider? _owned;

    internal CentralAdmin(IServiceProvider services, string door, ServiceProvider? owned = null)
    {
        _services = services;
        Door = door;
        _owned = owned;
    }

    /// <summary>Who is acting (written in the audit log).</summary>
    public string Door { get; }

    /// <summary>
    /// Opens the data directory's database (or <see cref="CentralOptions.Database"/>) without starting the host:
    /// applies migrations and makes sure the test school exists. Dispose to close.
    /// </summary>
    public static async Task<CentralAdmin> OpenAsync(CentralOptions options, string door = "beheer (cli)", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        DataDirectory.Prepare(options.DataDirectory);
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddCentralCore(options);
        services.AddIdentityCore<CentralUser>(CentralServices.ConfigureIdentity).AddEntityFrameworkStores<CentralDb>().AddDefaultTokenProviders()
            .AddOsoAccounts<CentralUser, CentralDb>();
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        try
        {
            await CentralServices.PrepareAsync(provider, null, cancellationToken);
        }
        catch
        {
            await provider.DisposeAsync();
            throw;
        }
        return new CentralAdmin(provider, door, provider);
    }

    /// <summary>The same operations, audited under another actor (e.g. the signed-in operator's e-mail address).</summary>
    public CentralAdmin Als(string door) => new(_services, door);

    private TimeProvider Time => _services.GetRequiredService<TimeProvider>();

    private DateTimeOffset Nu => Time.GetUtcNow();

    private DateOnly Vandaag => Kalender.Vandaag(Time);

    private Task<CentralDb> DbAsync(CancellationToken ct) =>
        _services.GetRequiredService<IDbContextFactory<CentralDb>>().CreateDbContextAsync(ct);

    private void Audit(CentralDb db, string actie, string onderwerp, string? details = null) =>
        db.Audit.Add(new AuditRecord { Tijd = Nu, Door = Door, Actie = actie, Onderwerp = onderwerp, Details = details });

    /// <summary>Runs <paramref name="work"/> with a scoped UserManager (Identity's services are scoped).</summary>
    private async Task<T> WithUsersAsync<T>(Func<UserManager<CentralUser>, Task<T>> work)
    {
        await using var scope = _services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<UserManager<CentralUser>>());
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_owned is not null) await _owned.DisposeAsync();
    }
}
