using System.CommandLine;
using Oso.Central;
using Oso.Central.Backup;
using Oso.Cli.School;
using Oso.Hosting.KeyRing;

namespace Oso.Cli.Central;

/// <summary><c>oso central keys rotate</c>, <c>oso central backup</c> and <c>oso central restore</c>.</summary>
internal static class KeysAndBackupCommands
{
    /// <summary>The environment variable that holds Central's backup key (base64, 32 bytes).</summary>
    internal const string BackupKeyVariable = "OSO_CENTRAL_BACKUP_KEY";

    private const string What = "backupsleutel";

    public static Command Keys(CliContext context)
    {
        var common = new CentralCommand.Common();
        var rotate = common.AddTo(new Command("rotate",
            "Vernieuwt de sleutelring van Central (inloggen, cookies, antiforgery en wat daarmee versleuteld is): een nieuwe sleutel die direct gebruikt wordt "
            + "en alle sleutels opnieuw ingepakt met een nieuw versleutelcertificaat. Stop eerst Central; niemand wordt uitgelogd."));
        rotate.SetAction((parse, ct) => CliReport.RunAsync(context, parse.GetValue(common.Json), async () =>
        {
            var options = common.Options(parse);
            KeyRingRotated rotated;
            await using (var admin = await CentralAdmin.OpenAsync(options, "beheer (cli: " + Environment.UserName + ")", ct).ConfigureAwait(false))
                rotated = await admin.RotateKeyRingAsync(ct).ConfigureAwait(false);
            return ((object)new { sleutel = rotated.NewKey, certificaatSha256 = rotated.CertificateSha256, overgepakt = rotated.Rewrapped, oudeCertificaten = rotated.RetiredCertificates },
                $"Nieuwe sleutel {rotated.NewKey}; {rotated.Rewrapped} bestaande sleutels opnieuw ingepakt met een nieuw versleutelcertificaat "
                + $"(SHA-256 {rotated.CertificateSha256}); {rotated.RetiredCertificates} oud certificaat verwijderd. Start Central weer: wie ingelogd was, blijft ingelogd. "
                + "De ontwikkel-CA (ca/) wordt niet vervangen: dat zou elk uitgegeven certificaat ongeldig maken.", true);
        }));
        return new Command("keys", "De sleutels van Central.") { rotate };
    }

    public static Command Backup(CliContext context)
    {
        var common = new CentralCommand.Common();
        var to = new Option<string>("--to") { Description = "Het backupbestand (nieuw; modus 600).", Required = true };
        var keyFile = KeyFileOption("Bestand met de backupsleutel (base64); wordt gemaakt (modus 600) als het niet bestaat. Bewaar het buiten deze server. Zonder: " + BackupKeyVariable + ".");
        var command = common.AddTo(new Command("backup",
            "Maakt een backup van de gegevensmap terwijl Central draait: een momentopname van de SQLite-database, de sleutelring, de ontwikkel-CA en de "
            + "TLS-bestanden, versleuteld met de backupsleutel. Met PostgreSQL: alleen de bestanden (zie docs/operations.md).") { to, keyFile });
        command.SetAction((parse, ct) => CliReport.RunAsync(context, parse.GetValue(common.Json), async () =>
        {
            var file = parse.GetValue(keyFile);
            var created = false;
            var key = file is not null ? KeyFile.ReadOrCreate(Path.GetFullPath(file), What, out created) : FromEnvironment();
            var manifest = await CentralBackup.BackupAsync(common.Options(parse), parse.GetValue(to)!, key, context.Time, ct).ConfigureAwait(false);
            var text = BackupCommands.Describe(manifest, "Backup gemaakt: " + Path.GetFullPath(parse.GetValue(to)!));
            if (created) text += $"{Environment.NewLine}Nieuwe backupsleutel in {file}: bewaar hem buiten deze server; zonder kan de backup niet worden teruggezet.";
            return (BackupCommands.Summary(manifest), text, true);
        }));
        return command;
    }

    public static Command Restore(CliContext context)
    {
        var common = new CentralCommand.Common();
        common.Data.Description = "De nieuwe gegevensmap (bestaat niet, of is leeg).";
        var from = new Option<string>("--from") { Description = "Het backupbestand.", Required = true };
        var keyFile = KeyFileOption("Bestand met de backupsleutel (base64). Zonder: " + BackupKeyVariable + ".");
        var command = common.AddTo(new Command("restore",
            "Zet een backup van Central terug in een nieuwe, lege gegevensmap, na controle van het bestand, de sleutel en de database.") { from, keyFile });
        command.SetAction((parse, ct) => CliReport.RunAsync(context, parse.GetValue(common.Json), async () =>
        {
            var file = parse.GetValue(keyFile);
            var key = file is not null ? KeyFile.Read(Path.GetFullPath(file), What) : FromEnvironment();
            var options = common.Options(parse);
            var manifest = await CentralBackup.RestoreAsync(parse.GetValue(from)!, options.DataDirectory, options, key, ct).ConfigureAwait(false);
            var text = BackupCommands.Describe(manifest, "Teruggezet in " + options.DataDirectory) + Environment.NewLine + (manifest.Database is null
                ? "Zet de PostgreSQL-database apart terug (docs/operations.md) en start Central met --database."
                : $"Start Central met --data {options.DataDirectory}.");
            return (BackupCommands.Summary(manifest), text, true);
        }));
        return command;
    }

    private static Option<string?> KeyFileOption(string description) => new("--backup-key-file") { Description = description };

    private static byte[] FromEnvironment()
    {
        var value = Environment.GetEnvironmentVariable(BackupKeyVariable);
        return string.IsNullOrWhiteSpace(value)
            ? throw new ArgumentException($"Geef de backupsleutel met --backup-key-file BESTAND of de omgevingsvariabele {BackupKeyVariable}.")
            : KeyFile.Parse(value, What);
    }
}
