using Microsoft.Data.Sqlite;
using Oso.Central.Accounts;
using Oso.Central.Tests.Api;
using Oso.Central.Tests.Infrastructure;
using Oso.Hosting.Accounts;
using Oso.Testing;
using static Oso.Central.Tests.Infrastructure.Tc;

namespace Oso.Central.Tests.Security;

/// <summary>
/// Central's data directory is private from its first byte (files 0600, directories 0700, whatever umask Central was
/// started with), the database holds no authenticator key, recovery code or data-protection key in plain text, and a data directory that
/// others can read gets a Dutch warning at start.
/// </summary>
public sealed class DataFilesTests : IAsyncDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "oso-central-files-" + Guid.NewGuid().ToString("N")[..10]);

    [Fact]
    public async Task Every_file_is_private_from_creation_on_and_no_authenticator_secret_is_stored_in_plain_text()
    {
        if (OperatingSystem.IsWindows()) Assert.Skip("Unix file modes.");
        var previous = ProcessUmask.Set(0b000_010_010); // 022: what a shell usually gives
        await using var fixture = new FilesCentral();
        var data = fixture.DataDirectory;
        try
        {
            await fixture.InitializeAsync();
            var email = "beheer@bestanden.example";
            _ = (await fixture.Admin.AddUserAsync(new NieuweGebruiker(email, "Beheer", "correct paard batterij nietje", Rol.Beheerder, null), Ct)).Zeker;
            using var api = ApiClient.For(fixture);
            await api.LoginWithTwoFactorAsync(email, "correct paard batterij nietje");

            var files = Directory.EnumerateFileSystemEntries(data, "*", SearchOption.AllDirectories).Append(data).ToList();
            Assert.Contains(files, f => f.EndsWith("central.db-wal", StringComparison.Ordinal));
            Assert.Contains(files, f => f.EndsWith("key-encryption.key.pem", StringComparison.Ordinal)); // encrypts the data-protection keys
            Assert.Contains(files, f => f.EndsWith("central.db.lock", StringComparison.Ordinal)); // one service per SQLite file
            foreach (var path in files)
            {
                var mode = File.GetUnixFileMode(path);
                var expected = Directory.Exists(path) ? "0700" : "0600";
                Assert.True(Convert.ToString((int)mode, 8).PadLeft(4, '0') == expected, $"{Path.GetRelativePath(data, path)}: {Convert.ToString((int)mode, 8)}");
            }
            Assert.DoesNotContain("Let op:", fixture.Output.ToString(), StringComparison.Ordinal);

            // the raw database (file, WAL and shared memory) holds neither the key nor a recovery code
            var raw = RawText(data);
            Assert.DoesNotContain(api.TotpKey!, raw, StringComparison.Ordinal);
            Assert.All(api.Herstelcodes, code => Assert.DoesNotContain(code, raw, StringComparison.Ordinal));
            await using var connection = new SqliteConnection($"Data Source={Path.Combine(data, "central.db")};Mode=ReadOnly");
            await connection.OpenAsync(Ct);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT Name, Value FROM AspNetUserTokens WHERE LoginProvider = '[AspNetUserStore]'";
            await using var reader = await command.ExecuteReaderAsync(Ct);
            var names = new List<string>();
            while (await reader.ReadAsync(Ct))
            {
                names.Add(reader.GetString(0));
                Assert.StartsWith("dp1:", reader.GetString(1), StringComparison.Ordinal);
            }
            Assert.Equal(["AuthenticatorKey", "RecoveryCodes"], names.Order());

            // the data-protection keys (which protect those values and the cookies) are in the database only encrypted
            await using var keys = connection.CreateCommand();
            keys.CommandText = "SELECT Xml FROM DataProtectionKeys";
            await using var keyReader = await keys.ExecuteReaderAsync(Ct);
            var count = 0;
            while (await keyReader.ReadAsync(Ct))
            {
                count++;
                var xml = keyReader.GetString(0);
                Assert.Contains("EncryptedData", xml, StringComparison.Ordinal);
                Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
            }
            Assert.True(count > 0, "no data-protection key in the database");
        }
        finally
        {
            ProcessUmask.Set(previous);
        }
    }

    [Fact]
    public async Task A_data_directory_others_can_read_gets_a_dutch_warning_at_start()
    {
        if (OperatingSystem.IsWindows()) Assert.Skip("Unix file modes.");
        var data = Path.Combine(_dir, "oud");
        Directory.CreateDirectory(data);
        File.SetUnixFileMode(data, (UnixFileMode)0b111_101_101); // 0755, as older versions left it
        await File.WriteAllTextAsync(Path.Combine(data, "notities.txt"), "oud", Ct);
        File.SetUnixFileMode(Path.Combine(data, "notities.txt"), (UnixFileMode)0b110_100_100);
        var output = new StringWriter();
        await using var central = await CentralHost.StartAsync(new CentralOptions { DataDirectory = data, PortalPort = 0, ProtocolPort = 0, Logging = _ => { }, Output = output }, Ct);

        var text = output.ToString();
        Assert.Contains("Let op: 2 bestand(en) of map(pen) in de gegevensmap", text, StringComparison.Ordinal);
        Assert.Contains("notities.txt (0644)", text, StringComparison.Ordinal);
        Assert.Contains($"chmod -R go-rwx '{data}'", text, StringComparison.Ordinal);
    }

    private static string RawText(string data) => System.Text.Encoding.Latin1.GetString(Oso.Testing.DataFiles.ReadAll(data, "central.db*"));

    public ValueTask DisposeAsync()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        return ValueTask.CompletedTask;
    }

    /// <summary>Central with SQLite in its own data directory (central.db next to the keys), its start-up lines kept.</summary>
    private sealed class FilesCentral : CentralFixture
    {
        public StringWriter Output { get; } = new();

        protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;

        protected override CentralOptions Configure(CentralOptions options) => options with { Database = null, Output = Output };
    }
}
