using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Oso.Central;

namespace Oso.Cli.Central;

/// <summary><c>oso central</c>: run Central and administer its Register, qualification, certificates and traces.</summary>
internal static class CentralCommand
{
    /// <summary>The default data directory (relative to the working directory).</summary>
    public const string DefaultData = ".oso/central";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    public static Command Create(CliContext context) => new("central", "OSO Central: register, kwalificatie, certificaten en het Traffic Center. Beheeropdrachten werken rechtstreeks op de database van de gegevensmap.")
    {
        ServeCommand.Create(context),
        RegisterCommands.School(context),
        RegisterCommands.Board(context),
        RegisterCommands.System(context),
        RegisterCommands.Mandate(context),
        RegisterCommands.Endpoint(context),
        RegisterCommands.Swv(context),
        AdminCommands.Account(context),
        AdminCommands.User(context),
        AdminCommands.Qualification(context),
        AdminCommands.Cert(context),
        AdminCommands.Session(context),
        KeysAndBackupCommands.Keys(context),
        KeysAndBackupCommands.Backup(context),
        KeysAndBackupCommands.Restore(context),
    };

    /// <summary>The options every admin command has (with <c>--config</c> and <c>OSO_</c> variables, as <c>serve</c> reads them).</summary>
    public sealed class Common
    {
        private readonly SettingFlags _flags = new();

        public Common()
        {
            _flags.Map(Data, nameof(CentralOptions.DataDirectory));
            _flags.Map(Database, nameof(CentralOptions.Database));
        }

        public Option<string> Data { get; } = new("--data") { Description = $"De gegevensmap van Central (standaard {DefaultData}).", DefaultValueFactory = _ => DefaultData };

        public Option<string?> Database { get; } = new("--database") { Description = "Een verbindingsreeks: leeg is SQLite in de gegevensmap; 'Host=…' is PostgreSQL." };

        public Option<bool> Json { get; } = new("--json") { Description = "Uitvoer als JSON." };

        public Command AddTo(Command command)
        {
            _flags.AddTo(command);
            command.Options.Add(Json);
            return command;
        }

        /// <summary>Central's settings for an admin command (data directory, database, trust anchors) — not checked as for serving.</summary>
        public CentralOptions Options(ParseResult parse)
        {
            try
            {
                var options = _flags.Bind(parse, new CentralOptions { DataDirectory = DefaultData }, validate: false);
                return options with { DataDirectory = Path.GetFullPath(options.DataDirectory) };
            }
            catch (Oso.Hosting.Configuration.SettingsException e)
            {
                throw new InvalidOperationException(e.Message, e);
            }
        }
    }

    /// <summary>Runs one admin operation on the data directory and prints its value (text or JSON) or its Dutch error.</summary>
    public static async Task<int> RunAsync<T>(CliContext context, Common common, ParseResult parse, Func<CentralAdmin, CancellationToken, Task<Uitkomst<T>>> work,
        Func<T, string> text, CancellationToken ct)
    {
        CentralAdmin admin;
        try
        {
            admin = await CentralAdmin.OpenAsync(common.Options(parse), "beheer (cli: " + Environment.UserName + ")", ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or System.Data.Common.DbException)
        {
            await context.Error.WriteLineAsync($"oso: de database van Central kan niet worden geopend: {e.Message}");
            return ExitCodes.Failed;
        }
        await using (admin)
        {
            var uitkomst = await work(admin, ct);
            if (!uitkomst.Gelukt)
            {
                await context.Error.WriteLineAsync("oso: " + uitkomst.Fout.Tekst);
                return uitkomst.Fout.Soort == FoutSoort.Ongeldig ? ExitCodes.Usage : ExitCodes.Failed;
            }
            await context.Out.WriteLineAsync(parse.GetValue(common.Json) ? JsonSerializer.Serialize(uitkomst.Waarde, Json) : text(uitkomst.Waarde!));
            return ExitCodes.Ok;
        }
    }

    /// <summary>Wraps a list as a successful outcome.</summary>
    public static Uitkomst<IReadOnlyList<T>> Ok<T>(IReadOnlyList<T> lijst) => Uitkomst.Ok(lijst);

    /// <summary>Parses a date option (yyyy-MM-dd) or reports a usage error.</summary>
    public static bool TryDate(string? text, out DateOnly? date, out string? fout)
    {
        date = null;
        fout = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", out var d))
        {
            date = d;
            return true;
        }
        fout = $"'{text}' is geen datum (jjjj-mm-dd).";
        return false;
    }
}
