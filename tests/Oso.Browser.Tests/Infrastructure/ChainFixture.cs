using Oso.Cli.Up;

namespace Oso.Browser.Tests.Infrastructure;

/// <summary>
/// A running OSO chain (Central + a School node with the two demo schools, on free ports, SQLite in a temporary
/// directory) shared by the browser tests of one class. The same chain <c>oso up</c> starts.
/// </summary>
public sealed class ChainFixture : IAsyncLifetime
{
    private string _directory = "";

    public DemoChain Chain { get; private set; } = null!;

    public Uri CentralPortal => Chain.Central.PortalUrl;

    public Uri SchoolPortal => Chain.School.PortalUrl;

    public DemoState State => Chain.State;

    public async ValueTask InitializeAsync()
    {
        _directory = Directory.CreateTempSubdirectory("oso-browser-").FullName;
        Chain = await DemoChain.StartAsync(new ChainOptions
        {
            DataDirectory = _directory,
            CentralPortalPort = 0, CentralProtocolPort = 0, SchoolPortalPort = 0, SchoolProtocolPort = 0,
            Pupils = 8,
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (Chain is not null) await Chain.DisposeAsync();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
