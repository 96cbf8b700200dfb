using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Oso.Testing;

namespace Oso.Cli.Tests.School;

/// <summary><c>oso school backup</c>, <c>restore</c> and <c>keys</c> from the command line, on a node's data directory.</summary>
public sealed class SchoolBackupCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("oso-school-backup-").FullName;

    private string Data => Path.Combine(_root, "school");

    private string Backup => Path.Combine(_root, "node.osobackup");

    private string NewKey(string name)
    {
        var path = Path.Combine(_root, name);
        File.WriteAllText(path, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        return path;
    }

    private string Key => File.Exists(Path.Combine(_root, "master.key")) ? Path.Combine(_root, "master.key") : NewKey("master.key");

    private static Task<(int Code, string Out, string Error)> Oso(params string[] args) => CliRunner.RunAsync(args);

    private Task<(int Code, string Out, string Error)> School(string data, params string[] args) =>
        CliRunner.RunAsync(["school", .. args, "--data", data, "--master-key-file", Key]);

    private async Task NodeAsync(string? database = null)
    {
        foreach (var step in new[]
        {
            new[] { "add", "12AB", "--naam", "De Regenboog", "--sector", "PO" },
            ["add", "34CD", "--naam", "Het Lyceum", "--sector", "VO"],
            ["las", "add", "12AB", "--naam", "Voorbeeld-LAS"],
        })
        {
            var (code, _, error) = await School(Data, [.. step, .. database is null ? Array.Empty<string>() : ["--database", database]]);
            Assert.True(code == ExitCodes.Ok, error);
        }
    }

    [Fact]
    public async Task A_backup_is_an_encrypted_owner_only_file_that_restores_into_a_new_folder_with_the_same_master_key()
    {
        await NodeAsync();

        var (code, output, error) = await School(Data, "backup", "--to", Backup);

        Assert.True(code == ExitCodes.Ok, error);
        Assert.Contains("Niet in de backup: de hoofdsleutel (MasterKeyFile, --master-key-file of OSO_SCHOOL_MASTER_KEY)", output);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Backup));
        var bytes = await File.ReadAllBytesAsync(Backup, TestContext.Current.CancellationToken);
        var text = Encoding.Latin1.GetString(bytes);
        Assert.StartsWith("OSO-BACKUP\n", text);
        foreach (var plain in new[] { "12AB", "Regenboog", "school.db", "manifest", "BEGIN", "SQLite format" }) Assert.DoesNotContain(plain, text);

        var restored = Path.Combine(_root, "hersteld");
        (code, output, error) = await School(restored, "restore", "--from", Backup, "--json");
        Assert.True(code == ExitCodes.Ok, error);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal("school.db", json.GetProperty("backup").GetProperty("database").GetString());
        Assert.All(json.GetProperty("auditlogboek").EnumerateArray(), c => Assert.True(c.GetProperty("intact").GetBoolean()));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(restored));
        Assert.False(File.Exists(Path.Combine(restored, "master.key")));
        (code, output, _) = await School(restored, "list");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("12AB  PO   De Regenboog", output);
        (code, output, _) = await School(restored, "audit", "show", "12AB", "--max", "1");
        Assert.Contains("backup.teruggezet", output);
        (code, output, _) = await School(Data, "audit", "show", "34CD", "--max", "1");
        Assert.Contains("backup.gemaakt", output);
    }

    [Fact]
    public async Task Restore_refuses_a_folder_in_use_a_wrong_master_key_and_a_changed_or_cut_off_file_and_leaves_nothing_behind()
    {
        await NodeAsync();
        Assert.Equal(ExitCodes.Ok, (await School(Data, "backup", "--to", Backup)).Code);
        var target = Path.Combine(_root, "doel");

        var (code, _, error) = await School(Data, "restore", "--from", Backup);
        Assert.Equal(ExitCodes.Failed, code);
        Assert.Contains("is niet leeg", error);

        (code, _, error) = await CliRunner.RunAsync("school", "restore", "--from", Backup, "--data", target, "--master-key-file", NewKey("ander.key"));
        Assert.Equal(ExitCodes.Failed, code);
        Assert.Contains("De sleutel past niet bij deze backup", error);

        var bytes = await File.ReadAllBytesAsync(Backup, TestContext.Current.CancellationToken);
        var changed = Path.Combine(_root, "gewijzigd.osobackup");
        var copy = bytes.ToArray();
        copy[bytes.Length / 2] ^= 0x20;
        await File.WriteAllBytesAsync(changed, copy, TestContext.Current.CancellationToken);
        (code, _, error) = await School(target, "restore", "--from", changed);
        Assert.Equal(ExitCodes.Failed, code);
        Assert.Contains("beschadigd", error);

        var cut = Path.Combine(_root, "afgebroken.osobackup");
        await File.WriteAllBytesAsync(cut, bytes[..(bytes.Length - 100)], TestContext.Current.CancellationToken);
        (code, _, error) = await School(target, "restore", "--from", cut);
        Assert.Equal(ExitCodes.Failed, code);
        Assert.Contains("afgebroken", error);

        Assert.False(Directory.Exists(target));
        Assert.Empty(Directory.GetDirectories(_root, "doel.herstel-*"));
    }

    [Fact]
    public async Task A_development_master_key_stays_out_of_the_backup_and_is_written_back_when_restoring_with_it()
    {
        var (code, _, error) = await Oso("school", "add", "12AB", "--naam", "De Regenboog", "--sector", "PO", "--data", Data);
        Assert.True(code == ExitCodes.Ok, error);

        (code, var output, error) = await Oso("school", "backup", "--data", Data, "--to", Backup);
        Assert.True(code == ExitCodes.Ok, error);
        Assert.Contains("Niet in de backup: de hoofdsleutel (master.key in de gegevensmap)", output);

        var restored = Path.Combine(_root, "hersteld");
        (code, _, error) = await Oso("school", "restore", "--from", Backup, "--data", restored, "--master-key-file", Path.Combine(Data, "master.key"));
        Assert.True(code == ExitCodes.Ok, error);
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(Data, "master.key"), TestContext.Current.CancellationToken),
            await File.ReadAllTextAsync(Path.Combine(restored, "master.key"), TestContext.Current.CancellationToken));
        Assert.Equal(ExitCodes.Ok, (await Oso("school", "list", "--data", restored)).Code);

        (code, _, error) = await Oso("school", "restore", "--from", Backup, "--data", Path.Combine(_root, "zonder"));
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("Geef de hoofdsleutel", error);
    }

    [Fact]
    public async Task With_PostgreSQL_the_backup_holds_the_files_and_restore_checks_the_master_key_against_the_database()
    {
        using var database = TestDatabase.Create(DatabaseProvider.Postgres, "school");
        await NodeAsync(database.ConnectionString);

        var (code, output, error) = await School(Data, "backup", "--to", Backup, "--database", database.ConnectionString);
        Assert.True(code == ExitCodes.Ok, error);
        Assert.Contains("zonder database (PostgreSQL)", output);

        (code, output, error) = await School(Path.Combine(_root, "hersteld"), "restore", "--from", Backup, "--database", database.ConnectionString);
        Assert.True(code == ExitCodes.Ok, error);
        Assert.Contains("12AB  auditlogboek in orde", output);
        (code, _, error) = await CliRunner.RunAsync("school", "restore", "--from", Backup, "--data", Path.Combine(_root, "fout"),
            "--database", database.ConnectionString, "--master-key-file", NewKey("ander.key"));
        Assert.Equal(ExitCodes.Failed, code);
    }

    [Fact]
    public async Task Keys_rotate_gives_each_school_a_new_key_status_shows_the_old_one_in_use_and_a_new_master_key_needs_a_stopped_node()
    {
        await NodeAsync();
        await School(Data, "las", "add", "34CD");

        var (code, output, error) = await School(Data, "keys", "rotate");
        Assert.True(code == ExitCodes.Ok, error);
        Assert.Contains("12AB  nieuwe gegevenssleutel 2", output);
        (code, output, _) = await School(Data, "keys", "status");
        Assert.Equal(ExitCodes.Ok, code); // nothing is encrypted yet: no row uses key 1
        Assert.Contains("12AB  huidige sleutel 2; sleutel 1: 0 gegevens, sleutel 2: 0 gegevens; omzetten begint om", output);

        var newKey = Path.Combine(_root, "nieuw.key");
        using (global::Oso.Hosting.KeyRing.KeyRingLock.Share(Path.Combine(Data, "keys"))) // as a running node holds it
        {
            (code, _, error) = await School(Data, "keys", "rotate", "--new-master-key-file", newKey);
            Assert.Equal(ExitCodes.Failed, code);
            Assert.Contains("draait nog", error);
        }
        (code, output, error) = await School(Data, "keys", "rotate", "--new-master-key-file", newKey);
        Assert.True(code == ExitCodes.Ok, error);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(newKey));
        Assert.Contains("nieuwe hoofdsleutel", output);
        (code, _, error) = await School(Data, "list");
        Assert.Equal(ExitCodes.Failed, code);
        Assert.Contains("hoofdsleutel past niet", error);
        (code, output, _) = await CliRunner.RunAsync("school", "keys", "status", "--data", Data, "--master-key-file", newKey);
        Assert.Contains("huidige sleutel 3", output);
    }

    [Fact]
    public async Task Rotating_the_ring_rewraps_every_key_in_the_database_under_a_new_certificate_and_refuses_under_a_running_node()
    {
        await NodeAsync();
        using (global::Oso.Hosting.KeyRing.KeyRingLock.Share(Path.Combine(Data, "keys"))) // as a running node holds it
        {
            var (refused, _, why) = await School(Data, "keys", "rotate-ring");
            Assert.Equal(ExitCodes.Failed, refused);
            Assert.Contains("draait nog", why);
        }

        var (code, output, error) = await School(Data, "keys", "rotate-ring");
        Assert.True(code == ExitCodes.Ok, error);
        var first = await RingAsync();
        (code, output, error) = await School(Data, "keys", "rotate-ring");
        Assert.True(code == ExitCodes.Ok, error);

        var ring = await RingAsync();
        Assert.Contains($"{first.Count} bestaande sleutels opnieuw ingepakt", output);
        Assert.Equal(first.Count + 1, ring.Count);
        Assert.All(first.Keys, name => Assert.NotEqual(first[name], ring[name])); // re-wrapped in place, none removed
        var certificate = Assert.Single(Directory.GetFiles(Path.Combine(Data, "keys"), "key-encryption*.crt.pem"));
        var der = Convert.ToBase64String(System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(certificate, TestContext.Current.CancellationToken)).RawData);
        Assert.All(ring.Values, xml => Assert.Contains(der, xml));
        Assert.All(ring.Values, xml => Assert.DoesNotContain("<masterKey", xml));
        (code, _, error) = await School(Data, "list"); // the node still reads its ring
        Assert.True(code == ExitCodes.Ok, error);
    }

    private async Task<Dictionary<string, string>> RingAsync()
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(Data, "school.db")};Pooling=False");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT FriendlyName, Xml FROM DataProtectionKeys";
        var ring = new Dictionary<string, string>();
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken)) ring[reader.GetString(0)] = reader.GetString(1);
        return ring;
    }

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }
}
