using System.CommandLine;
using System.Globalization;
using System.Text;
using Oso.Hosting.Backup;
using Oso.School.Backup;

namespace Oso.Cli.School;

/// <summary><c>oso school backup</c> and <c>oso school restore</c>: the node's data directory in one encrypted file, and back into a new directory.</summary>
internal static class BackupCommands
{
    public static Command Backup(CliContext context)
    {
        var common = new SchoolCommand.Common();
        var to = new Option<string>("--to") { Description = "Het backupbestand (nieuw; modus 600).", Required = true };
        var command = common.AddTo(new Command("backup",
            "Maakt een backup van de gegevensmap terwijl de node draait: een momentopname van de SQLite-database en de sleutels en certificaten, "
            + "versleuteld met een sleutel afgeleid van de hoofdsleutel. De hoofdsleutel zelf zit er niet in. Met PostgreSQL: alleen de bestanden "
            + "(de database heeft zijn eigen backup, zie docs/operations.md).") { to });
        command.SetAction((parse, ct) => CliReport.RunAsync(context, parse.GetValue(common.JsonOutput), async () =>
        {
            var manifest = await SchoolBackup.BackupAsync(common.Options(parse), parse.GetValue(to)!, context.Time, ct).ConfigureAwait(false);
            return (Summary(manifest), Describe(manifest, "Backup gemaakt: " + Path.GetFullPath(parse.GetValue(to)!)), true);
        }));
        return command;
    }

    public static Command Restore(CliContext context)
    {
        var common = new SchoolCommand.Common();
        common.Data.Description = "De nieuwe gegevensmap (bestaat niet, of is leeg).";
        var from = new Option<string>("--from") { Description = "Het backupbestand.", Required = true };
        var command = common.AddTo(new Command("restore",
            "Zet een backup terug in een nieuwe, lege gegevensmap. Controleert eerst of het bestand compleet en ongewijzigd is, de database, "
            + "en of de hoofdsleutel (MasterKeyFile, --master-key-file of OSO_SCHOOL_MASTER_KEY) bij de scholen past.") { from });
        command.SetAction((parse, ct) => CliReport.RunAsync(context, parse.GetValue(common.JsonOutput), async () =>
        {
            var options = common.Options(parse);
            var restored = await SchoolBackup.RestoreAsync(parse.GetValue(from)!, options.DataDirectory, options, ct).ConfigureAwait(false);
            var text = new StringBuilder(Describe(restored.Manifest, "Teruggezet in " + options.DataDirectory));
            foreach (var chain in restored.Chains)
                text.AppendLine().Append(chain.Intact
                    ? string.Create(CultureInfo.InvariantCulture, $"{chain.Brin}  auditlogboek in orde ({chain.Records:N0} regels)")
                    : string.Create(CultureInfo.InvariantCulture, $"{chain.Brin}  auditlogboek GEBROKEN bij regel {chain.FirstBroken:N0}"));
            text.AppendLine().Append(restored.Manifest.Database is null
                ? "Zet de PostgreSQL-database apart terug (docs/operations.md) en start de node met --database en dezelfde hoofdsleutel."
                : $"Start de node met --data {options.DataDirectory} en dezelfde hoofdsleutel; werk dat nog open stond gaat dan verder.");
            return (new { backup = Summary(restored.Manifest), auditlogboek = restored.Chains.Select(c => new { brin = c.Brin, regels = c.Records, intact = c.Intact }) },
                text.ToString(), restored.Chains.All(c => c.Intact));
        }));
        return command;
    }

    internal static object Summary(BackupManifest manifest) => new
    {
        soort = manifest.Kind, gemaakt = manifest.CreatedAt, versie = manifest.Version, database = manifest.Database, schema = manifest.Schema,
        bestanden = manifest.Files.Count, bytes = manifest.Files.Sum(f => f.Bytes), nietInDeBackup = manifest.NotIncluded,
    };

    internal static string Describe(BackupManifest manifest, string first)
    {
        var text = new StringBuilder(first).AppendLine();
        text.Append(CultureInfo.InvariantCulture, $"  gemaakt {manifest.CreatedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z met OpenOSO {manifest.Version}; ");
        text.Append(CultureInfo.InvariantCulture, $"{manifest.Files.Count} bestanden, {manifest.Files.Sum(f => f.Bytes):N0} bytes; ");
        text.AppendLine(manifest.Database is null ? "zonder database (PostgreSQL)" : $"database {manifest.Database} (schema {manifest.Schema})");
        foreach (var missing in manifest.NotIncluded) text.AppendLine("  Niet in de backup: " + missing);
        return text.ToString().TrimEnd();
    }
}
