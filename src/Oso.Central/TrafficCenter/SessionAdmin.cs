using Microsoft.EntityFrameworkCore;
using Oso.Central.TrafficCenter;
using Oso.Protocol.Messages;

namespace Oso.Central;

/// <summary>A session as the servicedesk and the two schools see it (no pupil data: the zoeksleutel is not shown).</summary>
public sealed record SessieInfo(Guid Id, SessieSoort Soort, SessieStatus Status, bool Verlopen, string BronBrin, string? BronRouteringsKenmerk,
    string DoelBrin, string DoelRouteringsKenmerk, string SysteemId, Overdrachtsoort Overdrachtsoort, DateTimeOffset AangemaaktOp,
    DateTimeOffset VerlooptOp, DateTimeOffset? AfgemeldOp, string? Resultaat, string? ResultaatAanleverpunt, string? TraceId = null);

/// <summary>One step of a trace.</summary>
/// <param name="Tijd">When.</param>
/// <param name="Stap">The operation (overdracht, sessiecontrole, afmelding, meldenNotificatie, testschool …).</param>
/// <param name="SysteemId">The system that called.</param>
/// <param name="BronBrin">The bron school.</param>
/// <param name="DoelBrin">The doel school.</param>
/// <param name="Aanleverpunt">The aanleverpunt concerned.</param>
/// <param name="Resultaat">The result code, if any.</param>
/// <param name="Geslaagd">Whether the step went as it should.</param>
/// <param name="Toelichting">Dutch: what happened and who must act.</param>
public sealed record TraceRegel(DateTimeOffset Tijd, string Stap, string SysteemId, string BronBrin, string DoelBrin, string? Aanleverpunt,
    string? Resultaat, bool Geslaagd, string Toelichting);

/// <summary>A session with its trace.</summary>
public sealed record SessieTrace(SessieInfo Sessie, IReadOnlyList<TraceRegel> Stappen);

public sealed partial class CentralAdmin
{
    /// <summary>Sessions, newest first; optionally of one school (as bron or doel) and/or system.</summary>
    public async Task<IReadOnlyList<SessieInfo>> SessionsAsync(string? brin = null, string? systeemId = null, int max = 100, CancellationToken cancellationToken = default)
    {
        await using var db = await DbAsync(cancellationToken);
        var lijst = await db.Sessies.AsNoTracking()
            .Where(s => (brin == null || s.BronBrin == brin || s.DoelBrin == brin) && (systeemId == null || s.SysteemId == systeemId))
            .OrderByDescending(s => s.AangemaaktOp).Take(Math.Clamp(max, 1, 1000)).ToListAsync(cancellationToken);
        return lijst.Select(Info).ToList();
    }

    /// <summary>
    /// A session's trace. With <paramref name="brin"/> only when that school is its bron or doel (a school sees only
    /// its own sessions; any other id is "not found").
    /// </summary>
    public async Task<Uitkomst<SessieTrace>> TraceAsync(Guid sessieId, string? brin = null, CancellationToken cancellationToken = default)
    {
        await using var db = await DbAsync(cancellationToken);
        var sessie = await db.Sessies.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sessieId, cancellationToken);
        if (sessie is null || (brin is not null && sessie.BronBrin != brin && sessie.DoelBrin != brin))
            return Fout.NietGevonden("sessie.onbekend", "Deze sessie bestaat niet (of hoort niet bij uw school).");
        var stappen = await db.TraceStappen.AsNoTracking().Where(t => t.SessieId == sessieId).OrderBy(t => t.Id).ToListAsync(cancellationToken);
        return new SessieTrace(Info(sessie), stappen.Select(Regel).ToList());
    }

    /// <summary>Refused calls that belong to no session (e.g. a sessiecontrole with an unknown session id), of one school, newest first.</summary>
    public async Task<IReadOnlyList<TraceRegel>> LooseStepsAsync(string? brin = null, int max = 100, CancellationToken cancellationToken = default)
    {
        await using var db = await DbAsync(cancellationToken);
        var lijst = await db.TraceStappen.AsNoTracking()
            .Where(t => t.SessieId == null && (brin == null || t.BronBrin == brin || t.DoelBrin == brin))
            .OrderByDescending(t => t.Id).Take(Math.Clamp(max, 1, 1000)).ToListAsync(cancellationToken);
        return lijst.Select(Regel).ToList();
    }

    private SessieInfo Info(Sessie s) => new(s.Id, s.Soort, s.Status, s.Status == SessieStatus.Open && Nu >= s.VerlooptOp, s.BronBrin, s.BronRouteringsKenmerk,
        s.DoelBrin, s.DoelRouteringsKenmerk, s.SysteemId, s.Overdrachtsoort, s.AangemaaktOp, s.VerlooptOp, s.AfgemeldOp, s.Resultaat?.ToString(),
        s.ResultaatAanleverpunt, s.TraceId);

    private static TraceRegel Regel(TraceStap t) =>
        new(t.Tijd, t.Stap, t.SysteemId, t.BronBrin, t.DoelBrin, t.Aanleverpunt, t.Resultaat?.ToString(), t.Geslaagd, t.Toelichting);
}
