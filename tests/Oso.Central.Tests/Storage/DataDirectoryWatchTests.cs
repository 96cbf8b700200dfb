using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.DependencyInjection;
using Oso.Central.Tests.Infrastructure;

namespace Oso.Central.Tests.Storage;

/// <summary>
/// The data directory is Central's content root, where SQLite writes on every commit: the host reads its settings once and
/// does not watch that directory for a changed appsettings.json (the watcher woke on every write; bench/results.md §7).
/// </summary>
public sealed class DataDirectoryWatchTests(SqliteCentral f) : IClassFixture<SqliteCentral>
{
    [Fact]
    public void The_settings_files_are_read_once_and_the_data_directory_is_not_watched()
    {
        var configuration = (IConfigurationRoot)f.Central.Services.GetRequiredService<IConfiguration>();
        var files = configuration.Providers.OfType<JsonConfigurationProvider>().ToList();

        Assert.NotEmpty(files); // appsettings.json is still read (optional)
        Assert.All(files, p => Assert.False(p.Source.ReloadOnChange, p.Source.Path));
    }
}
