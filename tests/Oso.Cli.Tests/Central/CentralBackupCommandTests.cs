using System.Security.Cryptography;

namespace Oso.Cli.Tests.Central;

/// <summary><c>oso central keys rotate</c>, <c>backup</c> and <c>restore</c> on a data directory.</summary>
public sealed class CentralBackupCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("oso-central-backup-").FullName;

    private string Data => Path.Combine(_root, "central");

    [Fact]
    public async Task A_backup_made_with_a_new_backup_key_restores_the_register_and_the_key_ring_into_a_new_folder()
    {
        var (code, _, error) = await CliRunner.RunAsync("central", "board", "add", "--id", "41000", "--naam", "Stichting Voorbeeld", "--data", Data);
        Assert.True(code == ExitCodes.Ok, error);
        (code, var output, error) = await CliRunner.RunAsync("central", "keys", "rotate", "--data", Data);
        Assert.True(code == ExitCodes.Ok, error);
        Assert.Contains("wie ingelogd was, blijft ingelogd", output);
        var key = Path.Combine(_root, "backup.key");
        var backup = Path.Combine(_root, "central.osobackup");

        (code, output, error) = await CliRunner.RunAsync("central", "backup", "--data", Data, "--to", backup, "--backup-key-file", key);

        Assert.True(code == ExitCodes.Ok, error);
        Assert.Contains($"Nieuwe backupsleutel in {key}", output);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(backup));
        (code, _, error) = await CliRunner.RunAsync("central", "backup", "--data", Data, "--to", backup + ".2");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("Geef de backupsleutel", error);
        var restored = Path.Combine(_root, "hersteld");
        (code, _, error) = await CliRunner.RunAsync("central", "restore", "--from", backup, "--data", restored, "--backup-key-file", key);
        Assert.True(code == ExitCodes.Ok, error);
        foreach (var file in Directory.GetFiles(Path.Combine(Data, "keys"), "*.pem").Concat(Directory.GetFiles(Path.Combine(Data, "keys"), "*.xml")))
            Assert.Equal(await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken),
                await File.ReadAllBytesAsync(Path.Combine(restored, "keys", Path.GetFileName(file)), TestContext.Current.CancellationToken));
        (code, _, error) = await CliRunner.RunAsync("central", "school", "add", "--brin", "12AB", "--naam", "De Regenboog", "--sector", "PO", "--bestuur", "41000", "--data", restored);
        Assert.True(code == ExitCodes.Ok, error); // the board is there

        var wrong = Path.Combine(_root, "ander.key");
        await File.WriteAllTextAsync(wrong, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), TestContext.Current.CancellationToken);
        (code, _, error) = await CliRunner.RunAsync("central", "restore", "--from", backup, "--data", Path.Combine(_root, "fout"), "--backup-key-file", wrong);
        Assert.Equal(ExitCodes.Failed, code);
        Assert.Contains("De sleutel past niet bij deze backup", error);
        (code, _, error) = await CliRunner.RunAsync("school", "restore", "--from", backup, "--data", Path.Combine(_root, "fout"), "--master-key-file", wrong);
        Assert.Equal(ExitCodes.Failed, code);
        Assert.Contains("Dit is een backup van central, niet van school", error);
    }

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }
}
