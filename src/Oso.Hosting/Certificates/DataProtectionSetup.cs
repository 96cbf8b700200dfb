using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace Oso.Hosting.Certificates;

/// <summary>Keeps ASP.NET Core's data-protection keys (cookies, antiforgery) in the host's data directory, owner-only.</summary>
public static class DataProtectionSetup
{
    /// <summary>Persists keys to <c>DATA/keys</c> (mode 700) under the given application name.</summary>
    public static IServiceCollection AddOsoDataProtection(this IServiceCollection services, string dataDirectory, string applicationName)
    {
        var keys = Path.Combine(dataDirectory, "keys");
        var directory = Directory.CreateDirectory(keys);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(directory.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        services.AddDataProtection().PersistKeysToFileSystem(directory).SetApplicationName(applicationName);
        return services;
    }
}
