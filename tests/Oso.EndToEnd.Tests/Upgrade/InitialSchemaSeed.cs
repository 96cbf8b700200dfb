using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Oso.Central.Storage;
using Oso.Cli.Up;
using Oso.Dossier;
using Oso.Dossier.Validation;
using Oso.Protocol.Identifiers;
using Oso.Protocol.Security;
using Oso.School.Bron;
using Oso.School.Crypto;
using Oso.School.LasApi;
using Oso.School.Storage;
using Oso.Synthetic;
using static Oso.School.Crypto.ProtectedDossiers;

namespace Oso.EndToEnd.Tests.Upgrade;

/// <summary>
/// A data folder as the first released version left it: Central's and the School node's databases migrated to their
/// <c>Initial</c> migration only, and filled with rows as that schema had them — written here column by column against
/// that frozen schema, so this file never changes when later migrations arrive (they are what the test upgrades
/// through). The pupil data is encrypted as that version did: one data key per school (id 1, in the tenant row) and
/// the blind-index key derived from it; the audit chains are hashed as docs/school.md §5 describes.
/// </summary>
public sealed class InitialSchemaSeed
{
    public const string Password = "Upgrade-Beheer-2026!";
    public const string OperatorEmail = "beheer@upgrade.example";
    private const string Board = "40001";
    private readonly DateTimeOffset _now = TimeProvider.System.GetUtcNow();
    private readonly DateOnly _today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);

    /// <summary>The pupil at the primary school with a released dossier (nobody asked for it yet).</summary>
    public Dossier.Model.Dossier Released { get; } = Pupil(201);

    public string ReleasedLasId { get; } = "L-released";

    public Guid ReleasedPupil { get; } = Guid.NewGuid();

    /// <summary>A pupil the secondary school already received before the upgrade.</summary>
    public Dossier.Model.Dossier Transferred { get; } = Pupil(202);

    public Guid ReceivedId { get; } = Guid.NewGuid();

    public byte[] ReceivedXml => DossierWriter.ToBytes(Transferred, indent: false);

    public Guid SessieId { get; } = Guid.NewGuid();

    /// <summary>What the demo chain needs to find the folder set up (its LAS keys, system, logins).</summary>
    public DemoState State { get; } = new(
        new DemoSchool(DemoSchools.Po.Brin, DemoSchools.Po.Naam, "PO", DemoSchools.Po.RouteringsKenmerk, Guid.NewGuid(), "oso_91po_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24))),
        new DemoSchool(DemoSchools.Vo.Brin, DemoSchools.Vo.Naam, "VO", DemoSchools.Vo.RouteringsKenmerk, Guid.NewGuid(), "oso_92vo_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24))),
        DemoChain.SysteemId, []);

    private static Dossier.Model.Dossier Pupil(int seed) =>
        SyntheticDossiers.Create(SyntheticProfile.Povo, seed, DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime),
            new SyntheticOptions { School = DemoSchools.SyntheticSchool(DemoSchools.Po), AttachmentSize = 4 * 1024 });

    private static string Pgn(Dossier.Model.Dossier d) => (d.Huidigeschool.Leerling.Bsn ?? d.Huidigeschool.Leerling.Onderwijsnummer)!;

    /// <summary>Writes <c>DIR/central</c> and <c>DIR/school</c> (databases there, or in the given PostgreSQL databases) and <c>DIR/demo.json</c>.</summary>
    public async Task WriteAsync(string directory, string? centralDatabase, string? schoolDatabase, int schoolProtocolPort, CancellationToken ct)
    {
        var central = Path.Combine(directory, "central");
        var school = Path.Combine(directory, "school");
        Directory.CreateDirectory(central);
        Directory.CreateDirectory(Path.Combine(school, "tls"));
        using var ca = DevelopmentCertificateAuthority.LoadOrCreate(Path.Combine(central, "ca"), TimeProvider.System);
        using var system = ca.IssueSystemCertificate(SysteemId.Parse(DemoChain.SysteemId));
        DevelopmentCertificateAuthority.SavePem(system, Path.Combine(school, "tls"), "system");
        await using (var db = CentralContext(central, centralDatabase))
        {
            await db.GetService<IMigrator>().MigrateAsync("Initial", ct);
            await CentralRowsAsync(db, system, schoolProtocolPort, ct);
        }
        await using (var db = SchoolContext(school, schoolDatabase))
        {
            await db.GetService<IMigrator>().MigrateAsync("Initial", ct);
            await SchoolRowsAsync(db, MasterKey.LoadOrCreate(school), ct);
        }
        State.Save(directory);
    }

    private static CentralDb CentralContext(string data, string? database) => database is null
        ? new CentralSqliteDb(new DbContextOptionsBuilder<CentralSqliteDb>().UseSqlite($"Data Source={Path.Combine(data, "central.db")};Pooling=False").Options)
        : new CentralPostgresDb(new DbContextOptionsBuilder<CentralPostgresDb>().UseNpgsql(database).Options);

    private static SchoolDbContext SchoolContext(string data, string? database) => database is null
        ? new SqliteSchoolDbContext(new DbContextOptionsBuilder<SqliteSchoolDbContext>().UseSqlite($"Data Source={Path.Combine(data, "school.db")};Pooling=False").Options)
        : new PostgresSchoolDbContext(new DbContextOptionsBuilder<PostgresSchoolDbContext>().UseNpgsql(database).Options);

    /// <summary>One row; EF maps each value as the schema stores it (Guid, bool and date differ per engine). Names are this file's constants.</summary>
    private static Task InsertAsync(DbContext db, string table, CancellationToken ct, params (string Column, object Value)[] values)
    {
        var sql = $"INSERT INTO \"{table}\" ({string.Join(", ", values.Select(v => "\"" + v.Column + "\""))}) VALUES ({string.Join(", ", values.Select((_, i) => "{" + i + "}"))})";
        return db.Database.ExecuteSqlRawAsync(sql, values.Select(v => v.Value), ct);
    }

    private async Task CentralRowsAsync(DbContext db, System.Security.Cryptography.X509Certificates.X509Certificate2 system, int schoolPort, CancellationToken ct)
    {
        var ticks = _now.UtcTicks;
        await InsertAsync(db, "besturen", ct, ("Id", Board), ("Naam", "Stichting OpenOSO Demo"), ("AangemaaktOp", ticks));
        await InsertAsync(db, "systemen", ct, ("Id", DemoChain.SysteemId), ("Naam", "OpenOSO School-node (demo)"), ("Leverancier", "OpenOSO"), ("Deelname", "Actief"),
            ("GekwalificeerdSinds", _now.AddDays(-30).UtcTicks), ("KwalificatieBewijs", "beheer"), ("AangemaaktOp", ticks));
        foreach (var s in new[] { DemoSchools.Po, DemoSchools.Vo })
        {
            await InsertAsync(db, "scholen", ct, ("Brin", s.Brin), ("Naam", s.Naam), ("Plaats", "Utrecht"), ("Sector", s.Sector), ("BestuurId", Board), ("Deelname", "Actief"),
                ("GekwalificeerdSinds", _now.AddDays(-30).UtcTicks), ("GekwalificeerdTot", _now.AddDays(700).UtcTicks), ("AangemaaktOp", ticks));
            await InsertAsync(db, "mandaten", ct, ("Id", Guid.NewGuid()), ("BestuurId", Board), ("Brin", s.Brin), ("SysteemId", DemoChain.SysteemId), ("Van", _today.AddDays(-30)),
                ("AangemaaktOp", ticks));
            await InsertAsync(db, "aanleverpunten", ct, ("RouteringsKenmerk", s.RouteringsKenmerk), ("Brin", s.Brin), ("Url", $"https://127.0.0.1:{schoolPort}/oso/aanleverpunt/{s.RouteringsKenmerk}"),
                ("Doel", "Ov"), ("SysteemId", DemoChain.SysteemId), ("Van", _today.AddDays(-30)), ("AangemaaktOp", ticks));
            await InsertAsync(db, "kwalificatiebewijzen", ct, ("Id", Guid.NewGuid()), ("Brin", s.Brin), ("ItemCode", "informatiebeveiliging"), ("Soort", "Verklaring"),
                ("Verklaring", "Wij hebben een informatiebeveiligingsbeleid."), ("OndertekendDoor", "J. de Vries"), ("Functie", "Directeur"), ("IngediendOp", ticks),
                ("IngediendDoor", OperatorEmail), ("Status", "Goedgekeurd"), ("BeoordeeldOp", ticks), ("BeoordeeldDoor", OperatorEmail));
        }
        await InsertAsync(db, "vestigingen", ct, ("Brin", DemoSchools.Po.Brin), ("Code", "00"), ("Naam", DemoSchools.Po.Naam), ("Plaats", "Utrecht"));
        await InsertAsync(db, "certificaten", ct, ("Serienummer", system.SerialNumber), ("Sha256", system.GetCertHashString(HashAlgorithmName.SHA256)),
            ("SysteemId", DemoChain.SysteemId), ("Onderwerp", system.Subject), ("GeldigVan", new DateTimeOffset(system.NotBefore.ToUniversalTime()).UtcTicks),
            ("GeldigTot", new DateTimeOffset(system.NotAfter.ToUniversalTime()).UtcTicks), ("UitgegevenOp", ticks));
        await InsertAsync(db, "sessies", ct, ("Id", SessieId), ("Soort", "Overdracht"), ("Status", "Afgemeld"), ("BronBrin", DemoSchools.Po.Brin),
            ("DoelBrin", DemoSchools.Vo.Brin), ("DoelRouteringsKenmerk", DemoSchools.Vo.RouteringsKenmerk), ("SysteemId", DemoChain.SysteemId), ("Overdrachtsoort", "overstapdossier"),
            ("Zoeksleutel", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))), ("AangemaaktOp", ticks), ("VerlooptOp", _now.AddHours(24).UtcTicks),
            ("AfgemeldOp", ticks), ("Resultaat", "OverdrachtGeslaagd"), ("ResultaatAanleverpunt", DemoSchools.Po.RouteringsKenmerk));
        await InsertAsync(db, "tracestappen", ct, ("SessieId", SessieId), ("Tijd", ticks), ("Stap", "afmelding"), ("SysteemId", DemoChain.SysteemId),
            ("BronBrin", DemoSchools.Po.Brin), ("DoelBrin", DemoSchools.Vo.Brin), ("Resultaat", "OverdrachtGeslaagd"), ("Geslaagd", true), ("Toelichting", "Afgemeld."));
        await InsertAsync(db, "AspNetUsers", ct, ("Id", Guid.NewGuid().ToString()), ("Naam", "Beheerder"), ("Rol", "Beheerder"), ("Status", "Actief"), ("AangemaaktOp", ticks),
            ("UserName", OperatorEmail), ("NormalizedUserName", OperatorEmail.ToUpperInvariant()), ("Email", OperatorEmail), ("NormalizedEmail", OperatorEmail.ToUpperInvariant()),
            ("EmailConfirmed", true), ("PasswordHash", new PasswordHasher<object>().HashPassword(new object(), Password)), ("SecurityStamp", Guid.NewGuid().ToString("N").ToUpperInvariant()),
            ("ConcurrencyStamp", Guid.NewGuid().ToString()), ("PhoneNumberConfirmed", false), ("TwoFactorEnabled", false), ("LockoutEnabled", true), ("AccessFailedCount", 0));
        await InsertAsync(db, "audit", ct, ("Tijd", ticks), ("Door", OperatorEmail), ("Actie", "school.toegevoegd"), ("Onderwerp", DemoSchools.Po.Brin));
    }

    private async Task SchoolRowsAsync(DbContext db, MasterKey master, CancellationToken ct)
    {
        var keys = new Dictionary<string, byte[]>
        {
            [DemoSchools.Po.Brin] = master.Wrap(RandomNumberGenerator.GetBytes(32), DemoSchools.Po.Brin, 1),
            [DemoSchools.Vo.Brin] = master.Wrap(RandomNumberGenerator.GetBytes(32), DemoSchools.Vo.Brin, 1),
        };
        var crypto = new ProtectedDossiers(new PupilDataProtector(master, new FirstKeys(keys)));
        var ticks = _now.UtcTicks;
        var (po, vo) = (DemoSchools.Po.Brin, DemoSchools.Vo.Brin);
        foreach (var (demo, state) in new[] { (DemoSchools.Po, State.Po), (DemoSchools.Vo, State.Vo) })
        {
            await InsertAsync(db, "Tenants", ct, ("Brin", demo.Brin), ("Naam", demo.Naam), ("Sector", demo.Sector), ("Plaats", "Utrecht"), ("DataKeyId", 1),
                ("WrappedDataKey", keys[demo.Brin]), ("OptOut", ""), ("CreatedAt", ticks));
            await InsertAsync(db, "Aanleverpunten", ct, ("RouteringsKenmerk", demo.RouteringsKenmerk), ("Brin", demo.Brin), ("Doel", "OV"), ("Active", true));
            await InsertAsync(db, "LasClients", ct, ("Id", state.LasClientId), ("Brin", demo.Brin), ("Naam", "Demo-LAS"), ("KeyHash", LasAuthentication.Hash(state.LasSleutel)),
                ("CreatedAt", ticks));
        }
        var webhookClient = Guid.NewGuid();
        await InsertAsync(db, "LasClients", ct, ("Id", webhookClient), ("Brin", vo), ("Naam", "LAS met webhook"), ("KeyHash", LasAuthentication.Hash("oso_92vo_" + Guid.NewGuid().ToString("N"))),
            ("WebhookUrl", "https://las.example/hook"), ("WebhookSecret", crypto.ProtectJson(vo, "webhookgeheim", Contexts.Webhook(webhookClient))), ("CreatedAt", ticks));

        // bron: a released pupil, a pupil with a draft only, and the pupil that was sent to the secondary school
        var transferredPupil = Guid.NewGuid();
        var transferredRelease = Guid.NewGuid();
        foreach (var (id, lasId, dossier, release) in new[]
        {
            (ReleasedPupil, ReleasedLasId, Released, (Guid?)Guid.NewGuid()),
            (Guid.NewGuid(), "L-draft", Pupil(203), null),
            (transferredPupil, "L-transferred", Transferred, transferredRelease),
        })
        {
            var leerling = dossier.Huidigeschool.Leerling;
            await InsertAsync(db, "Pupils", ct, ("Id", id), ("Brin", po), ("LasIdIndex", crypto.Index(po, "las", lasId)), ("PgnIndex", crypto.Index(po, "pgn", Pgn(dossier))),
                ("Identity", crypto.ProtectJson(po, new PupilIdentity(BronDossiers.Name(leerling), leerling.Geboortedatum, Pgn(dossier)), Contexts.PupilIdentity(id))), ("CreatedAt", ticks));
            await InsertAsync(db, "Drafts", ct, ("PupilId", id), ("Xml", crypto.Protect(po, dossier, Contexts.Draft(id))), ("UpdatedAt", ticks),
                ("UpdatedBy", "Las:" + State.Po.LasClientId), ("Fouten", 0), ("Waarschuwingen", 0));
            if (release is { } releaseId)
                await InsertAsync(db, "Releases", ct, ("Id", releaseId), ("PupilId", id), ("Brin", po), ("Version", 1), ("Xml", crypto.Protect(po, dossier, Contexts.Release(releaseId))),
                    ("OptOut", ""), ("ReleasedAt", ticks), ("ReleasedBy", "Las:" + State.Po.LasClientId));
        }
        await InsertAsync(db, "IncomingRequests", ct, ("Id", Guid.NewGuid()), ("Brin", po), ("BronRouteringsKenmerk", DemoSchools.Po.RouteringsKenmerk), ("SessieId", SessieId),
            ("DoelBrin", vo), ("DoelRouteringsKenmerk", DemoSchools.Vo.RouteringsKenmerk), ("Overdrachtsoort", "overstapdossier"), ("PgnIndex", crypto.Index(po, "pgn", Pgn(Transferred))),
            ("DoelSector", "VO"), ("ReceivedAt", ticks), ("Resultaat", "OverdrachtGeslaagd"), ("PupilId", transferredPupil), ("AwaitingNotification", false));
        await InsertAsync(db, "Disclosures", ct, ("Id", Guid.NewGuid()), ("PupilId", transferredPupil), ("Brin", po), ("ReleaseId", transferredRelease), ("DoelBrin", vo),
            ("Profiel", "POVO"), ("SessieId", SessieId), ("At", ticks));

        // doel: the aanmelding, its finished request and the dossier it brought
        var aanmelding = Guid.NewGuid();
        var request = Guid.NewGuid();
        var leerlingX = Transferred.Huidigeschool.Leerling;
        await InsertAsync(db, "Aanmeldingen", ct, ("Id", aanmelding), ("Brin", vo), ("PgnIndex", crypto.Index(vo, "pgn", Pgn(Transferred))),
            ("Identity", crypto.ProtectJson(vo, new PupilIdentity(BronDossiers.Name(leerlingX), leerlingX.Geboortedatum, Pgn(Transferred)), Contexts.AanmeldingIdentity(aanmelding))),
            ("BronBrin", po), ("Overdrachtsoort", "overstapdossier"), ("CreatedAt", ticks), ("CreatedBy", "Las:" + State.Vo.LasClientId));
        await InsertAsync(db, "TransferRequests", ct, ("Id", request), ("Brin", vo), ("AanmeldingId", aanmelding), ("Trigger", "Las"), ("Status", "Klaar"), ("SessieId", SessieId),
            ("Resultaat", "OverdrachtGeslaagd"), ("Trace", "[]"), ("CreatedAt", ticks), ("FinishedAt", ticks));
        await InsertAsync(db, "ReceivedDossiers", ct, ("Id", ReceivedId), ("Brin", vo), ("AanmeldingId", aanmelding), ("RequestId", request), ("BronBrin", po),
            ("Xml", crypto.ProtectXml(vo, ReceivedXml, Contexts.Received(ReceivedId))), ("Valid", true),
            ("Meldingen", crypto.ProtectJson(vo, new List<Melding>(), Contexts.ReceivedMeldingen(ReceivedId))), ("ReceivedAt", ticks));

        await ChainAsync(db, po, ticks, ct, ("school.toegevoegd", null), ("dossier.aangeleverd", ReleasedPupil.ToString()), ("dossier.vrijgegeven", ReleasedPupil.ToString()),
            ("dossier.verstrekt", transferredPupil.ToString()));
        await ChainAsync(db, vo, ticks, ct, ("school.toegevoegd", null), ("aanmelding.geregistreerd", aanmelding.ToString()), ("dossier.ontvangen", aanmelding.ToString()),
            ("overdracht.afgerond", aanmelding.ToString()));
    }

    /// <summary>A school's audit chain, hashed as docs/school.md §5 says: SHA-256 over the fields joined by U+001F, the first previous hash 64 zeros.</summary>
    private static async Task ChainAsync(DbContext db, string brin, long ticks, CancellationToken ct, params (string Action, string? Pupil)[] records)
    {
        var previous = new string('0', 64);
        long sequence = 0;
        foreach (var (action, pupil) in records)
        {
            sequence++;
            var canonical = string.Join('\u001F', previous, sequence.ToString(CultureInfo.InvariantCulture), brin, ticks.ToString(CultureInfo.InvariantCulture),
                "Node", "node", action, pupil ?? "", "Vastgelegd vóór de upgrade.", "");
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
            var values = new List<(string, object)> { ("Sequence", sequence), ("Brin", brin), ("At", ticks), ("ActorKind", "Node"), ("Actor", "node"), ("Action", action),
                ("Purpose", "Vastgelegd vóór de upgrade."), ("PreviousHash", previous), ("Hash", hash) };
            if (pupil is not null) values.Add(("PupilRef", pupil));
            await InsertAsync(db, "Audit", ct, [.. values]);
            previous = hash;
        }
        await InsertAsync(db, "AuditHeads", ct, ("Brin", brin), ("Sequence", sequence), ("Hash", previous));
    }

    /// <summary>Keys as the first version kept them: one per school, id 1, and no stored index key.</summary>
    private sealed class FirstKeys(Dictionary<string, byte[]> wrapped) : IDataKeySource
    {
        public SchoolKeys? Find(string brin) => wrapped.ContainsKey(brin) ? new SchoolKeys(1, null) : null;

        public byte[]? Wrapped(string brin, int keyId) => keyId == 1 ? wrapped.GetValueOrDefault(brin) : null;
    }
}
