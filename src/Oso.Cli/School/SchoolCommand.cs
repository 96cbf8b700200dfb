using System.CommandLine;
using System.Security.Cryptography.X509Certificates;
using Oso.School;

namespace Oso.Cli.School;

/// <summary><c>oso school</c>: run a School node and administer the schools it serves.</summary>
internal static class SchoolCommand
{
    /// <summary>The default data directory.</summary>
    public const string DefaultData = ".oso/school";

    public static Command Create(CliContext context) => new("school", "De OSO-module van de school (bron en doel), voor veel scholen tegelijk. Beheeropdrachten werken rechtstreeks op de database van de gegevensmap.")
    {
        SchoolServeCommand.Create(context),
        Add(context),
        ListSchools(context),
        Privacy(context),
        Aanleverpunt(context),
        Las(context),
        StaffCommand.Create(context),
        AuditCommand.Create(context),
        CertCommand.Create(context),
        KeysCommand.Create(context),
        BackupCommands.Backup(context),
        BackupCommands.Restore(context),
    };

    /// <summary>The environment variable that holds a School node's master key.</summary>
    internal const string MasterKeyVariable = "OSO_SCHOOL_MASTER_KEY";

    /// <summary>Options every admin command has.</summary>
    internal sealed class Common
    {
        private readonly SettingFlags _flags = new();

        public Common()
        {
            _flags.Map(Data, nameof(SchoolOptions.DataDirectory));
            _flags.Map(Database, nameof(SchoolOptions.Database));
            _flags.Map(MasterKeyFile, nameof(SchoolOptions.MasterKey) + "File");
        }

        public Option<string> Data { get; } = new("--data") { Description = $"De gegevensmap van de node (standaard {DefaultData}).", DefaultValueFactory = _ => DefaultData };
        public Option<string?> Database { get; } = new("--database") { Description = "Een verbindingsreeks: leeg is SQLite in de gegevensmap; 'Host=…' is PostgreSQL." };
        public Option<string?> MasterKeyFile { get; } = new("--master-key-file")
        {
            Description = "Bestand met de hoofdsleutel (base64), buiten de gegevensmap. Zonder: de instelling MasterKey(File) uit --config of OSO_MasterKey, de omgevingsvariabele "
                + MasterKeyVariable + ", en anders een sleutel in de gegevensmap (alleen voor ontwikkeling).",
        };
        public Option<bool> JsonOutput { get; } = new("--json") { Description = "Uitvoer als JSON." };

        /// <summary>The setting flags, for commands that map more of them (serve).</summary>
        public SettingFlags Flags => _flags;

        public Command AddTo(Command command)
        {
            _flags.AddTo(command);
            command.Options.Add(JsonOutput);
            return command;
        }

        /// <summary>The node's data settings (data directory, database, master key) from flags, <c>OSO_</c> variables and <c>--config</c>.</summary>
        public SchoolOptions Options(ParseResult parse) => Bind(parse, validate: false);

        /// <summary>Every setting; with <paramref name="validate"/> checked as a node needs them to start.</summary>
        public SchoolOptions Bind(ParseResult parse, bool validate)
        {
            SchoolOptions options;
            try
            {
                options = _flags.Bind(parse, new SchoolOptions { DataDirectory = DefaultData }, validate, LegacyMasterKey());
            }
            catch (Oso.Hosting.Configuration.SettingsException e)
            {
                throw new ArgumentException(e.Message, e);
            }
            return options with { DataDirectory = Path.GetFullPath(options.DataDirectory) };
        }

        // never on the command line, where every user of the machine can read it in the process list
        private static IEnumerable<(string, string, string)> LegacyMasterKey()
        {
            var fromEnvironment = Environment.GetEnvironmentVariable(MasterKeyVariable);
            return string.IsNullOrWhiteSpace(fromEnvironment) ? [] : [(nameof(SchoolOptions.MasterKey), fromEnvironment.Trim(), "omgevingsvariabele " + MasterKeyVariable)];
        }
    }

    private static Command Add(CliContext context)
    {
        var common = new Common();
        var brin = new Argument<string>("BRIN") { Description = "Het BRIN-nummer van de school." };
        var naam = new Option<string>("--naam") { Description = "De naam van de school.", Required = true };
        var sector = new Option<string>("--sector") { Description = "PO, VO, SO of SWV.", Required = true };
        sector.AcceptOnlyFromAmong("PO", "VO", "SO", "SWV");
        var plaats = new Option<string?>("--plaats") { Description = "De plaats." };
        var command = common.AddTo(new Command("add", "Sluit een school aan op deze node (met een eigen sleutel voor haar gegevens).") { brin, naam, sector, plaats });
        command.SetAction((parse, ct) => RunAsync(context, common, parse, async admin =>
        {
            var added = await admin.AddSchoolAsync(parse.GetValue(brin)!, parse.GetValue(naam)!, parse.GetValue(sector)!, parse.GetValue(plaats), ct).ConfigureAwait(false);
            return (new { brin = parse.GetValue(brin), toegevoegd = added }, added ? $"School {parse.GetValue(brin)} is aangesloten." : $"School {parse.GetValue(brin)} was al aangesloten.");
        }, ct));
        return command;
    }

    private static Command Privacy(CliContext context)
    {
        var common = new Common();
        var brin = new Argument<string>("BRIN") { Description = "Het BRIN-nummer van de school." };
        var naam = new Option<string>("--naam") { Description = "Naam of functie van de contactpersoon voor privacy (bijvoorbeeld de functionaris gegevensbescherming).", Required = true };
        var email = new Option<string?>("--email") { Description = "Het e-mailadres." };
        var telefoon = new Option<string?>("--telefoon") { Description = "Het telefoonnummer." };
        var command = common.AddTo(new Command("privacy", "Legt vast wie ouders over privacy kunnen vragen (getoond op de pagina's voor ouders).") { brin, naam, email, telefoon });
        command.SetAction((parse, ct) => RunAsync(context, common, parse, async admin =>
        {
            await admin.SetPrivacyContactAsync(parse.GetValue(brin)!, parse.GetValue(naam)!, parse.GetValue(email), parse.GetValue(telefoon), ct).ConfigureAwait(false);
            return (new { brin = parse.GetValue(brin), vastgelegd = true }, $"De contactpersoon voor privacy van school {parse.GetValue(brin)} is vastgelegd.");
        }, ct));
        return command;
    }

    private static Command ListSchools(CliContext context)
    {
        var common = new Common();
        var command = common.AddTo(new Command("list", "De scholen op deze node."));
        command.SetAction((parse, ct) => RunAsync(context, common, parse, async admin =>
        {
            var schools = await admin.SchoolsAsync(ct).ConfigureAwait(false);
            var rows = schools.Select(s => new { brin = s.Brin, naam = s.Naam, sector = s.Sector, plaats = s.Plaats }).ToList();
            return ((object)rows, string.Join(Environment.NewLine, rows.Select(r => $"{r.brin}  {r.sector,-3}  {r.naam} ({r.plaats})")));
        }, ct));
        return command;
    }

    private static Command Aanleverpunt(CliContext context)
    {
        var common = new Common();
        var brin = new Argument<string>("BRIN");
        var rk = new Argument<string>("ROUTERINGSKENMERK") { Description = "20 tekens: 00000007000 + BRIN + 5 tekens." };
        var doel = new Option<string>("--doel") { Description = "OV of SWV.", DefaultValueFactory = _ => "OV" };
        doel.AcceptOnlyFromAmong("OV", "SWV");
        var add = common.AddTo(new Command("add", "Richt een aanleverpunt van een school op deze node in. Registreer het daarna bij Central (Mijn OSO, of oso central endpoint add) met het adres https://<deze node>/oso/aanleverpunt/<routeringskenmerk>.") { brin, rk, doel });
        add.SetAction((parse, ct) => RunAsync(context, common, parse, async admin =>
        {
            if (!Oso.Protocol.Identifiers.RouteringsKenmerk.TryParse(parse.GetValue(rk), out var kenmerk) || kenmerk.Brin.Value != parse.GetValue(brin))
                throw new ArgumentException("Het routeringskenmerk is 00000007000 + het BRIN van de school + 5 tekens.");
            var added = await admin.AddAanleverpuntAsync(parse.GetValue(brin)!, kenmerk.Value, parse.GetValue(doel)!, ct).ConfigureAwait(false);
            return (new { routeringsKenmerk = kenmerk.Value, toegevoegd = added, pad = "/oso/aanleverpunt/" + kenmerk.Value },
                (added ? $"Aanleverpunt {kenmerk.Value} ingericht." : $"Aanleverpunt {kenmerk.Value} bestond al.")
                + $" Registreer het bij Central met het adres https://<deze node>/oso/aanleverpunt/{kenmerk.Value}.");
        }, ct));
        return new Command("aanleverpunt", "Aanleverpunten van scholen op deze node.") { add };
    }

    private static Command Las(CliContext context)
    {
        var common = new Common();
        var brin = new Argument<string>("BRIN");
        var naam = new Option<string>("--naam") { Description = "Een naam voor deze LAS-installatie.", DefaultValueFactory = _ => "LAS" };
        var certificaat = new Option<FileInfo?>("--certificaat")
        {
            Description = "Een clientcertificaat (PEM of DER) waarmee de LAS zich ook zonder API-sleutel mag aanmelden.",
        };
        var add = common.AddTo(new Command("add", "Geef een LAS-installatie toegang tot de koppelvlak-API; de API-sleutel wordt één keer getoond.") { brin, naam, certificaat });
        add.SetAction((parse, ct) => RunAsync(context, common, parse, async admin =>
        {
            using var certificate = LoadCertificate(parse.GetValue(certificaat));
            var (id, key) = await admin.CreateLasClientAsync(parse.GetValue(brin)!, parse.GetValue(naam)!, certificate, ct).ConfigureAwait(false);
            return (new { id, apiSleutel = key, certificaat = certificate?.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256) },
                $"LAS-koppeling {id}{Environment.NewLine}API-sleutel (bewaar hem nu; hij wordt niet opnieuw getoond): {key}"
                + (certificate is null ? "" : $"{Environment.NewLine}Clientcertificaat gekoppeld: {certificate.Subject}"));
        }, ct));

        var listCommon = new Common();
        var listBrin = new Argument<string>("BRIN");
        var list = listCommon.AddTo(new Command("list", "De LAS-koppelingen van een school (nieuwste eerst), ook de ingetrokken; nooit hun sleutel.") { listBrin });
        list.SetAction((parse, ct) => RunAsync(context, listCommon, parse, async admin =>
        {
            var clients = await admin.LasClientsAsync(parse.GetValue(listBrin)!, ct).ConfigureAwait(false);
            var rows = clients.Select(c => new
            {
                id = c.Id, naam = c.Naam, aangemaakt = c.CreatedAt, ingetrokken = c.RevokedAt, certificaat = c.CertificateThumbprint, webhook = c.WebhookUrl,
            }).ToList();
            var text = clients.Count == 0 ? "Deze school heeft geen LAS-koppelingen." : string.Join(Environment.NewLine, clients.Select(c =>
                $"{c.Id}  {c.Naam}  aangemaakt {c.CreatedAt.UtcDateTime:yyyy-MM-dd}"
                + (c.RevokedAt is { } revoked ? $"  INGETROKKEN {revoked.UtcDateTime:yyyy-MM-dd}" : "  actief")
                + (c.CertificateThumbprint is null ? "" : "  met clientcertificaat")
                + (c.WebhookUrl is null ? "" : "  webhook " + c.WebhookUrl)));
            return ((object)rows, text);
        }, ct));

        var revokeCommon = new Common();
        var revokeBrin = new Argument<string>("BRIN");
        var revokeId = new Argument<Guid>("ID") { Description = "De id van de LAS-koppeling (oso school las list)." };
        var revoke = revokeCommon.AddTo(new Command("revoke",
            "Trekt de toegang van een LAS-installatie direct in (bijvoorbeeld als de API-sleutel is uitgelekt): sleutel en certificaat werken niet meer.") { revokeBrin, revokeId });
        revoke.SetAction((parse, ct) => RunAsync(context, revokeCommon, parse, async admin =>
        {
            var revoked = await admin.RevokeLasClientAsync(parse.GetValue(revokeBrin)!, parse.GetValue(revokeId), ct).ConfigureAwait(false);
            return (new { id = parse.GetValue(revokeId), ingetrokken = revoked },
                revoked ? $"LAS-koppeling {parse.GetValue(revokeId)} is ingetrokken." : $"LAS-koppeling {parse.GetValue(revokeId)} was al ingetrokken.");
        }, ct));
        return new Command("las", "LAS-installaties met toegang tot de koppelvlak-API.") { add, list, revoke };
    }

    private static X509Certificate2? LoadCertificate(FileInfo? file)
    {
        if (file is null) return null;
        try
        {
            var bytes = File.ReadAllBytes(file.FullName);
            var text = System.Text.Encoding.ASCII.GetString(bytes);
            return text.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal)
                ? X509Certificate2.CreateFromPem(text)
                : X509CertificateLoader.LoadCertificate(bytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"Het certificaat {file.FullName} is niet te lezen: {e.Message}");
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            throw new ArgumentException($"{file.FullName} is geen certificaat (verwacht: PEM of DER).");
        }
    }

    private static Task<int> RunAsync(CliContext context, Common common, ParseResult parse, Func<Oso.School.Tenancy.SchoolAdmin, Task<(object Value, string Text)>> work,
        CancellationToken ct) => RunSessionAsync(context, common, parse, session => work(session.Admin), ct);

    /// <summary>Opens the node's data directory, runs one admin action and prints its result (text or <c>--json</c>) with Dutch errors.</summary>
    internal static Task<int> RunSessionAsync(CliContext context, Common common, ParseResult parse, Func<SchoolAdminSession, Task<(object Value, string Text)>> work,
        CancellationToken ct) =>
        RunCheckAsync(context, common, parse, async session =>
        {
            var (value, text) = await work(session).ConfigureAwait(false);
            return (value, text, true);
        }, ct);

    /// <summary>As <see cref="RunSessionAsync"/>, for a check: exit 1 when it found a problem (its result is printed either way).</summary>
    internal static Task<int> RunCheckAsync(CliContext context, Common common, ParseResult parse,
        Func<SchoolAdminSession, Task<(object Value, string Text, bool Ok)>> work, CancellationToken ct) =>
        CliReport.RunAsync(context, parse.GetValue(common.JsonOutput), async () =>
        {
            await using var session = await SchoolAdminSession.OpenAsync(common.Options(parse), ct).ConfigureAwait(false);
            return await work(session).ConfigureAwait(false);
        });
}
