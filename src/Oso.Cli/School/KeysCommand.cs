using System.CommandLine;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Oso.Hosting.KeyRing;
using Oso.School;
using Oso.School.Crypto;
using Oso.School.Storage;

namespace Oso.Cli.School;

/// <summary>
/// <c>oso school keys</c>: rotate the schools' data keys (and, when a master key leaked, the master key), follow the
/// re-encryption, and rotate the node's own data-protection ring (portal sign-ins, parents' sessions).
/// </summary>
internal static class KeysCommand
{
    public static Command Create(CliContext context) => new("keys", "De sleutels van de node: gegevenssleutels per school, de hoofdsleutel en de sleutelring van het portaal.")
    {
        Rotate(context),
        Status(context),
        RotateRing(context),
    };

    private static Command Rotate(CliContext context)
    {
        var common = new SchoolCommand.Common();
        var newMaster = new Option<string?>("--new-master-key-file")
        {
            Description = "Vervang ook de hoofdsleutel door de sleutel in dit bestand (wordt gemaakt, modus 600, als het niet bestaat). Stop eerst de node (alle instanties).",
        };
        var command = common.AddTo(new Command("rotate",
            "Geeft elke school een nieuwe gegevenssleutel voor nieuwe gegevens; oudere gegevens blijven leesbaar en worden daarna op de achtergrond omgezet, "
            + "waarna oude sleutels vervallen. Kan terwijl de node draait (behalve met --new-master-key-file).") { newMaster });
        command.SetAction((parse, ct) => CliReport.RunAsync(context, parse.GetValue(common.JsonOutput), async () =>
        {
            var options = common.Options(parse);
            var file = parse.GetValue(newMaster);
            using var replacement = file is null ? null : MasterKey.LoadOrCreateFile(Path.GetFullPath(file), out var created);
            // a running node keeps the old master key in memory and could not read keys wrapped under the new one
            using var stopped = replacement is null ? null : KeyRingLock.Exclusive(KeyRingRotation.KeysDirectory(options.DataDirectory));
            IReadOnlyList<RotatedKey> rotated;
            await using (var session = await SchoolAdminSession.OpenAsync(options, ct).ConfigureAwait(false))
                rotated = await session.Services.GetRequiredService<DataKeyRotation>().RotateAsync(replacement, ct).ConfigureAwait(false);
            var text = new StringBuilder();
            foreach (var r in rotated)
                text.AppendLine(CultureInfo.InvariantCulture, $"{r.Brin}  nieuwe gegevenssleutel {r.KeyId}; oudere gegevens worden omgezet vanaf {r.RekeyFrom.UtcDateTime:yyyy-MM-dd HH:mm}Z.");
            if (rotated.Count == 0) text.AppendLine("Er zijn nog geen scholen op deze node.");
            if (replacement is not null)
            {
                if (string.IsNullOrEmpty(options.MasterKey)) ReplaceDevelopmentKey(options.DataDirectory, replacement);
                text.AppendLine($"Alle sleutels zijn nu ingepakt met de nieuwe hoofdsleutel uit {file}.");
                text.AppendLine(string.IsNullOrEmpty(options.MasterKey)
                    ? "De hoofdsleutel in de gegevensmap is vervangen."
                    : "Start de node voortaan met de nieuwe hoofdsleutel (MasterKeyFile, --master-key-file of OSO_SCHOOL_MASTER_KEY); de oude past niet meer.");
                text.AppendLine("Backups van vóór nu zijn met de oude hoofdsleutel versleuteld: bewaar die zolang u die backups bewaart.");
            }
            text.Append("Volg het omzetten met: oso school keys status");
            var rows = rotated.Select(r => new { brin = r.Brin, sleutel = r.KeyId, omzettenVanaf = r.RekeyFrom }).ToList();
            return ((object)new { scholen = rows, hoofdsleutelVervangen = replacement is not null }, text.ToString(), true);
        }));
        return command;
    }

    // development: the node reads DATA/master.key, which must now hold the new key (written beside it, then renamed over it)
    private static void ReplaceDevelopmentKey(string data, MasterKey replacement)
    {
        var path = Path.Combine(Path.GetFullPath(data), MasterKey.DevelopmentFileName);
        var temporary = path + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
        replacement.WriteTo(temporary);
        File.Move(temporary, path, overwrite: true);
    }

    private static Command Status(CliContext context)
    {
        var common = new SchoolCommand.Common();
        var command = common.AddTo(new Command("status",
            "Toont per school de huidige gegevenssleutel, de sleutels die nog in gebruik zijn (met het aantal versleutelde gegevens) en hoe ver het omzetten is. "
            + "Exitcode 1 zolang er gegevens onder een oude sleutel staan."));
        command.SetAction((parse, ct) => SchoolCommand.RunCheckAsync(context, common, parse, async session =>
        {
            var status = await session.Services.GetRequiredService<DataKeyRotation>().StatusAsync(ct).ConfigureAwait(false);
            var text = new StringBuilder();
            foreach (var s in status)
            {
                text.Append(CultureInfo.InvariantCulture, $"{s.Brin}  huidige sleutel {s.CurrentKeyId}; ");
                text.AppendJoin(", ", s.Keys.Select(k => string.Create(CultureInfo.InvariantCulture, $"sleutel {k.KeyId}: {k.Values:N0} gegevens")));
                if (s.WithoutKey > 0) text.Append(CultureInfo.InvariantCulture, $"; {s.WithoutKey:N0} gegevens zonder bekende sleutel (onleesbaar)");
                text.AppendLine(s.Rekey is null ? "" : "; " + Describe(s.Rekey));
            }
            if (status.Count == 0) text.AppendLine("Er zijn nog geen scholen op deze node.");
            var rows = status.Select(s => new
            {
                brin = s.Brin, huidigeSleutel = s.CurrentKeyId, sleutels = s.Keys.Select(k => new { sleutel = k.KeyId, gemaakt = k.CreatedAt, gegevens = k.Values }),
                zonderSleutel = s.WithoutKey,
                omzetten = s.Rekey is null ? null : new { toestand = s.Rekey.State.ToString(), naarSleutel = s.Rekey.KeyId, bij = s.Rekey.Column, omgezet = s.Rekey.Moved, onleesbaar = s.Rekey.Unreadable, volgendeStap = s.Rekey.Due, laatsteFout = s.Rekey.LastError },
            }).ToList();
            var done = status.All(s => s.Keys.All(k => k.KeyId == s.CurrentKeyId || k.Values == 0) && s.WithoutKey == 0);
            return (rows, text.ToString().TrimEnd(), done);
        }, ct));
        return command;
    }

    private static string Describe(RekeyProgress p) => p.State switch
    {
        RekeyState.Wacht => string.Create(CultureInfo.InvariantCulture, $"omzetten begint om {p.Due.UtcDateTime:yyyy-MM-dd HH:mm}Z"),
        RekeyState.Bezig => string.Create(CultureInfo.InvariantCulture, $"omzetten bezig ({p.Column}; {p.Moved:N0} omgezet{(p.LastError is null ? "" : "; laatste fout: " + p.LastError)})"),
        RekeyState.Klaar => string.Create(CultureInfo.InvariantCulture, $"omzetten klaar ({p.Moved:N0} omgezet{(p.Unreadable > 0 ? $", {p.Unreadable:N0} onleesbaar: hun sleutel blijft bewaard" : "")})"),
        _ => "omzetten mislukt: " + p.LastError + " (draai oso school keys rotate opnieuw)",
    };

    private static Command RotateRing(CliContext context)
    {
        var common = new SchoolCommand.Common();
        var command = common.AddTo(new Command("rotate-ring",
            "Vernieuwt de sleutelring van de node zelf (inloggen in het portaal, ouderlinks): een nieuwe sleutel en een nieuw versleutelcertificaat. "
            + "Stop eerst de node; niemand wordt uitgelogd."));
        command.SetAction((parse, ct) => CliReport.RunAsync(context, parse.GetValue(common.JsonOutput), async () =>
        {
            var options = common.Options(parse);
            KeyRingRotated rotated;
            await using (var session = await SchoolAdminSession.OpenAsync(options, ct).ConfigureAwait(false))
            {
                await using (var scope = session.Services.CreateAsyncScope())
                    rotated = await KeyRingRotation.RotateAsync(options.DataDirectory, scope.ServiceProvider.GetRequiredService<SchoolDbContext>(), context.Time, ct).ConfigureAwait(false);
                await session.Admin.RecordNodeEventAsync("sleutelring.vernieuwd", "De sleutelring van het portaal van de node is vernieuwd.", "sleutel=" + rotated.NewKey, ct)
                    .ConfigureAwait(false);
            }
            return ((object)new { sleutel = rotated.NewKey, certificaatSha256 = rotated.CertificateSha256, overgepakt = rotated.Rewrapped, oudeCertificaten = rotated.RetiredCertificates },
                $"Nieuwe sleutel {rotated.NewKey}; {rotated.Rewrapped} bestaande sleutels opnieuw ingepakt met een nieuw versleutelcertificaat "
                + $"(SHA-256 {rotated.CertificateSha256}); {rotated.RetiredCertificates} oud certificaat verwijderd. Start de node weer: wie ingelogd was, blijft ingelogd.", true);
        }));
        return command;
    }
}
