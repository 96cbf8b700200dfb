using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Oso.Hosting.Accounts;
using Oso.Protocol.Identifiers;
using Oso.Protocol.Security;
using Oso.School.Audit;
using Oso.School.Bron;
using Oso.School.Staff;
using Oso.School.Storage;
using Oso.Synthetic;
using Oso.Testing;
using DatabaseProvider = Oso.Testing.DatabaseProvider;

namespace Oso.School.Tests.Portal;

/// <summary>
/// A running School node (both listeners on free ports, SQLite or PostgreSQL) with a primary school (00YY) and a
/// secondary school (22VO), a beheerder and a medewerker each, and pupils delivered as their LAS would: for testing the
/// portal and the parents' page over real HTTPS. Every log message of the node, at every level, is kept.
/// </summary>
public sealed partial class PortalNode : IAsyncDisposable
{
    public const string Po = "00YY";
    public const string Vo = "22VO";
    public const string Password = "Portaal-Test-2026!";
    public const string PoMedewerker = "medewerker@00yy.test";
    public const string PoBeheerder = "beheerder@00yy.test";
    public const string VoMedewerker = "medewerker@22vo.test";

    private readonly TestDatabase _database;
    private readonly DevelopmentCertificateAuthority _ca;
    private readonly ConcurrentDictionary<string, string> _keys = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, string> _codes = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, IReadOnlyList<string>> _recovery = new(StringComparer.OrdinalIgnoreCase);

    private PortalNode(SchoolNode node, TestDatabase database, DevelopmentCertificateAuthority ca, string data, LogCapture logs, FakeTimeProvider? time)
    {
        Node = node;
        Clock = time;
        _database = database;
        _ca = ca;
        DataDirectory = data;
        Logs = logs;
    }

    public SchoolNode Node { get; }

    /// <summary>The options the node was started with.</summary>
    public required SchoolOptions Options { get; init; }

    /// <summary>The node's clock when the test moves it (null: the real clock).</summary>
    public FakeTimeProvider? Clock { get; }

    private TimeProvider Time => Clock ?? TimeProvider.System;

    public string DataDirectory { get; }

    public LogCapture Logs { get; }

    public DatabaseProvider Engine => _database.Provider;

    public T Get<T>() where T : notnull => Node.Services.GetRequiredService<T>();

    public static DateOnly Today => DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);

    /// <summary>
    /// Starts a node; with <paramref name="time"/> the node runs on that clock (sessions, TOTP, links, the outbox);
    /// <paramref name="configure"/> changes its options, <paramref name="services"/> its services.
    /// </summary>
    public static async Task<PortalNode> StartAsync(DatabaseProvider engine, FakeTimeProvider? time = null, Func<SchoolOptions, SchoolOptions>? configure = null,
        Action<IServiceCollection>? services = null)
    {
        var database = TestDatabase.Create(engine, "portal");
        var data = Directory.CreateTempSubdirectory("oso-portal-").FullName;
        var ca = DevelopmentCertificateAuthority.Create(TimeProvider.System);
        var caDir = Path.Combine(data, "ca");
        ca.Save(caDir);
        using (var system = ca.IssueSystemCertificate(SysteemId.Parse("testlas")))
            DevelopmentCertificateAuthority.SavePem(system, data, "system");
        var logs = new LogCapture();
        var options = new SchoolOptions
        {
            DataDirectory = Path.Combine(data, "node"),
            Database = database.ConnectionString,
            PortalPort = 0,
            ProtocolPort = 0,
            TrafficCenterUrl = new Uri("https://127.0.0.1:9/oso/tc"),
            SystemCertificate = Path.Combine(data, "system.crt.pem"),
            SystemKey = Path.Combine(data, "system.key.pem"),
            DevelopmentCaDirectory = caDir,
            RateLimit = new SignInRateLimitOptions { PermitLimit = 1000 },
        };
        options = configure?.Invoke(options) ?? options;
        var node = await SchoolNode.StartAsync(options, s =>
        {
            s.AddLogging(b => b.AddProvider(logs).AddFilter<LogCapture>(null, LogLevel.Trace));
            if (time is not null) s.AddSingleton<TimeProvider>(time);
            services?.Invoke(s);
        });
        var portal = new PortalNode(node, database, ca, data, logs, time) { Options = options };
        await portal.SeedAsync();
        return portal;
    }

    private async Task SeedAsync()
    {
        await Node.Admin.AddSchoolAsync(Po, "Basisschool Het Testpunt", "PO", "Utrecht");
        await Node.Admin.AddSchoolAsync(Vo, "Testcollege", "VO", "Utrecht");
        foreach (var (brin, email, rol) in new[] { (Po, PoMedewerker, StaffRol.Medewerker), (Po, PoBeheerder, StaffRol.Beheerder), (Vo, VoMedewerker, StaffRol.Medewerker) })
            Assert.IsType<StaffResult.Added>(await Node.Staff.AddAsync(brin, email, "Test " + email[..email.IndexOf('@')], rol, Password, Actor.Node));
    }

    /// <summary>Delivers a fixed synthetic pupil's dossier as the school's LAS would (to 22VO with the BRIN changed).</summary>
    public async Task<Guid> DeliverAsync(string brin, string fixedPupil, Func<Dossier.Model.Dossier, Dossier.Model.Dossier>? change = null)
    {
        var dossier = SyntheticDossiers.Fixed(fixedPupil, Today, new SyntheticOptions { AttachmentSize = 1024 });
        dossier = dossier with { Huidigeschool = dossier.Huidigeschool with { Brincode = brin } };
        if (change is not null) dossier = change(dossier);
        var stored = await Get<BronDossiers>().DeliverAsync(brin, "LAS-" + fixedPupil, dossier, Actor.Las(Guid.Empty));
        return Assert.IsType<DeliveryResult.Stored>(stored).PupilId;
    }

    /// <summary>The development mail folder of the node.</summary>
    public string MailDirectory => Path.Combine(DataDirectory, "node", "outbox-mail");

    /// <summary>The mails in the node's development folder (raw .eml text), waiting up to 20 s for at least <paramref name="atLeast"/>.</summary>
    public async Task<IReadOnlyList<string>> MailsAsync(int atLeast = 0, Func<string, bool>? where = null)
    {
        var deadline = TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(20);
        while (true)
        {
            var mails = Directory.Exists(MailDirectory)
                ? Directory.GetFiles(MailDirectory, "*.eml").Select(File.ReadAllText).Where(m => where?.Invoke(m) ?? true).ToList()
                : [];
            if (mails.Count >= atLeast || TimeProvider.System.GetUtcNow() > deadline) return mails;
            await Task.Delay(100);
        }
    }

    /// <summary>A browser-like client: cookies kept, redirects not followed (tests look at them), the node's certificate accepted.</summary>
    public PortalClient Client() => new(Node.PortalUrl);

    /// <summary>Signs a client in with password and TOTP (setting two-factor authentication up on the first sign-in).</summary>
    public async Task SignInAsync(PortalClient client, string email)
    {
        var code = await client.SignInWithPasswordAsync(email, Password);
        if (code.Contains("id=\"tweestaps-sleutel\"", StringComparison.Ordinal))
            _keys[email] = KeyPattern().Match(code).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal);
        var response = await client.PostAsync("/inloggen/code", code, new() { ["code"] = await CodeAsync(email) });
        if (response.Status == HttpStatusCode.OK)
        {
            // the first sign-in ends on the recovery codes, shown once
            var codes = RecoveryCodePattern().Matches(response.Html).Select(m => m.Groups[1].Value).ToList();
            Assert.True(codes.Count == 10, "De eerste aanmelding toont geen tien herstelcodes:\n" + response.Html);
            _recovery[email] = codes;
            return;
        }
        Assert.Equal(HttpStatusCode.Redirect, response.Status);
    }

    /// <summary>The authenticator key a staff member set up.</summary>
    public string TotpKey(string email) => _keys[email];

    /// <summary>The recovery codes a staff member was shown at set-up.</summary>
    public IReadOnlyList<string> RecoveryCodes(string email) => _recovery[email];

    /// <summary>
    /// A TOTP code of a step this account has not used yet (the node refuses a code twice), or with <paramref name="reuse"/>
    /// exactly the code used last.
    /// </summary>
    public async Task<string> CodeAsync(string email, bool reuse = false)
    {
        if (reuse) return _codes[email];
        return _codes[email] = await TotpCodes.NextAsync(_keys[email], Time);
    }

    /// <summary>The account id of a staff member.</summary>
    public async Task<string> UserIdAsync(string email) => (await Node.Staff.FindAsync(email))!;

    /// <summary>Every stored value of every table, as text (byte columns also decoded as UTF-8), and the raw SQLite files.</summary>
    public async Task<string> DatabaseTextAsync()
    {
        if (Engine == DatabaseProvider.Sqlite)
        {
            var directory = Path.GetDirectoryName(_database.ConnectionString.Split(';')[0].Replace("Data Source=", "", StringComparison.Ordinal))!;
            return string.Concat(Oso.Testing.DataFiles.Find(directory, "portal.db*").Select(Oso.Testing.DataFiles.Read)
                .Select(bytes => System.Text.Encoding.Latin1.GetString(bytes) + System.Text.Encoding.UTF8.GetString(bytes)));
        }
        await using var db = Get<SchoolStore>().Read();
        var tables = db.Model.GetEntityTypes().Select(t => t.GetTableName()).OfType<string>().Distinct().ToList();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        var text = new System.Text.StringBuilder();
        foreach (var table in tables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                for (var i = 0; i < reader.FieldCount; i++)
                    text.Append(reader.IsDBNull(i) ? "" : reader.GetValue(i) is byte[] bytes ? System.Text.Encoding.UTF8.GetString(bytes) : Convert.ToString(reader.GetValue(i))).Append('|');
        }
        return text.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        await Node.DisposeAsync();
        _ca.Dispose();
        _database.Dispose();
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    [GeneratedRegex("<li><span class=\"key\">([A-Z0-9-]{14})</span></li>")]
    private static partial Regex RecoveryCodePattern();

    [GeneratedRegex("id=\"tweestaps-sleutel\">([^<]+)<")]
    private static partial Regex KeyPattern();
}
