using Brin = Oso.Dossier.Identifiers.Brin;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Oso.Central.Register;
using Oso.Central.Storage;
using Oso.Hosting.Storage;
using Oso.Protocol.Identifiers;
using Oso.Protocol.Messages;
using Oso.Protocol.Results;

namespace Oso.Central.TrafficCenter;

/// <summary>
/// The Traffic Center: grants sessions (overdracht), checks them for the bron (sessiecontrole), closes them
/// (afmelding), routes notificaties and terugkoppelingen and lists aanleverpunten. The caller is the system named in
/// its client certificate. Every call leaves a trace step with a Dutch explanation that names who must act; logs
/// carry ids and result codes only. Never sees a PGN.
/// </summary>
internal sealed partial class TrafficCenterService(
    IDbContextFactory<CentralDb> dbs, RegisterCache register, TimeProvider time, CentralOptions options, ILogger<TrafficCenterService> log)
{
    private readonly ILogger _logger = log;

    /// <summary>Handles one request from <paramref name="caller"/>.</summary>
    public async Task<TcAntwoord> HandleAsync(SysteemId caller, OsoRequest request, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        // on SQLite one call's transaction at a time, waited for here rather than in SQLite's sleeping busy handler
        using var turn = await SqliteWriteGate.EnterAsync(db.Database, ct);
        // one transaction per call: a state change made directly in the database (the afmelding's guarded update) and the
        // trace step that explains it are seen together or not at all, also after a crash in between
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // no savepoint around SaveChanges (two statements saved per call): a failed save fails the whole call and the
        // transaction rolls back as a whole, so there is nothing to return to inside it
        db.Database.AutoSavepointsEnabled = false;
        var reg = register.Open(db);
        var antwoord = request switch
        {
            OverdrachtRequest r => await OverdrachtAsync(db, reg, caller.Value, r, ct),
            SessiecontroleRequest r => await SessiecontroleAsync(db, reg, caller.Value, r, ct),
            AfmeldingRequest r => await AfmeldingAsync(db, caller.Value, r, ct),
            MeldenNotificatieRequest r => await MeldenNotificatieAsync(db, reg, caller.Value, r, ct),
            MeldenTerugkoppelingRequest r => await MeldenTerugkoppelingAsync(db, reg, caller.Value, r, ct),
            OverzichtAanleverpuntRequest r => await OverzichtAsync(db, r, ct),
            _ => new TcAntwoord.NietHier($"Het Traffic Center handelt '{request.ElementName}' niet af; dat verzoek gaat rechtstreeks naar een aanleverpunt."),
        };
        // the new session and the trace step by hand-written statements (ADR 0015); anything else through SaveChanges
        await TcStatements.SaveAsync(db, ct);
        await tx.CommitAsync(ct);
        return antwoord;
    }

    /// <summary>Records a step another part of Central took in a session (the test school's answer).</summary>
    public async Task RecordAsync(SessieId sessie, Routering r, string systeem, string stap, ResultaatCode? resultaat, bool geslaagd, string toelichting,
        CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        Stap(db, stap, systeem, r.BronBrin.Value, r.DoelBrin.Value, sessie.Value, r.BronRouteringsKenmerk.Value, resultaat, geslaagd, toelichting);
        await db.SaveChangesAsync(ct);
    }

    private DateTimeOffset Nu => time.GetUtcNow();

    private DateOnly Vandaag => Kalender.Vandaag(time);

    /// <summary>Adds a trace step (saved with the call's other changes) and logs it without pupil data.</summary>
    private void Stap(CentralDb db, string stap, string systeem, string bronBrin, string doelBrin, Guid? sessie, string? aanleverpunt,
        ResultaatCode? resultaat, bool geslaagd, string toelichting)
    {
        db.TraceStappen.Add(new TraceStap
        {
            SessieId = sessie,
            Tijd = Nu,
            Stap = stap,
            SysteemId = systeem,
            BronBrin = bronBrin,
            DoelBrin = doelBrin,
            Aanleverpunt = aanleverpunt,
            Resultaat = resultaat,
            Geslaagd = geslaagd,
            Toelichting = Cut(toelichting, 2000),
        });
        LogStap(stap, systeem, bronBrin, doelBrin, sessie, resultaat?.ToString() ?? (geslaagd ? "OK" : "Geweigerd"));
    }

    private void Weiger(CentralDb db, string stap, string systeem, Routering r, Guid? sessie, Weigering w) =>
        Stap(db, stap, systeem, r.BronBrin.Value, r.DoelBrin.Value, sessie, r.BronRouteringsKenmerk.Value, w.Code, false, w.Toelichting);

    private TcAntwoord.NietGeautoriseerd NietGeautoriseerd(CentralDb db, string stap, string systeem, string bronBrin, string doelBrin,
        string aanleverpunt, Guid? sessie, string reden)
    {
        Stap(db, stap, systeem, bronBrin, doelBrin, sessie, aanleverpunt, null, false,
            $"{reden} Het Traffic Center weigert dit verzoek op autorisatieniveau (HTTP 403). Actie voor de leverancier van systeem '{systeem}': "
            + "gebruik het certificaat van het systeem dat het aanleverpunt beheert, of laat het aanleverpunt op uw systeem registreren.");
        return new TcAntwoord.NietGeautoriseerd(reden);
    }

    private static Task<AanleverpuntRecord?> AanleverpuntAsync(RegisterLookup reg, RouteringsKenmerk rk, CancellationToken ct) =>
        reg.AanleverpuntAsync(rk.Value, ct);

    private static Task<School?> SchoolAsync(RegisterLookup reg, Brin brin, CancellationToken ct) => reg.SchoolAsync(brin.Value, ct);

    private static string Cut(string s, int max) => s.Length <= max ? s : s[..max];

    [LoggerMessage(EventId = 3100, Level = LogLevel.Information,
        Message = "TC {Stap} door systeem {Systeem}: bron {BronBrin}, doel {DoelBrin}, sessie {SessieId}: {Resultaat}")]
    private partial void LogStap(string stap, string systeem, string bronBrin, string doelBrin, Guid? sessieId, string resultaat);
}
