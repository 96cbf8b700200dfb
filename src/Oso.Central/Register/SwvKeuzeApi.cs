using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Oso.Central.Anchors;
using Oso.Central.Audit;
using Oso.Central.Storage;
using Oso.Hosting.Listeners;
using Oso.Protocol.Messages;
using Oso.Protocol.Results;

namespace Oso.Central.Register;

/// <summary>
/// The samenwerkingsverbanden a school belongs to, for the system that serves the school (mutual TLS on the protocol
/// listener; RECONSTRUCTION, not in the public OSO): <c>GET /oso/register/swv/{brin}</c>. The School node offers them to
/// staff who send an SWV dossier, each with whether it can receive one today and, if not, why — the same checks the
/// Traffic Center makes at meldenNotificatie, so a choice the list allows is not refused later for the same reason.
/// A refused call is audited (<c>swv.lijst.geweigerd</c>); an answered one is not (register data, no personal data, asked
/// by the one system that serves the school each time staff open the form — docs/central.md §6).
/// </summary>
internal static class SwvKeuzeApi
{
    public const string Pad = "/oso/register/swv/{brin}";

    /// <summary>One samenwerkingsverband of the school.</summary>
    /// <param name="Brin">Its BRIN code.</param>
    /// <param name="Naam">Its name.</param>
    /// <param name="SwvCode">Its own code (e.g. PO2603), if registered.</param>
    /// <param name="Regio">Its region, if registered.</param>
    /// <param name="Bereikbaar">Whether it can receive an SWV dossier today.</param>
    /// <param name="Waarom">Why not, in Dutch (null when it can).</param>
    public sealed record SwvKeuze(string Brin, string Naam, string? SwvCode, string? Regio, bool Bereikbaar, string? Waarom);

    public static WebApplication MapSwvKeuze(this WebApplication app)
    {
        app.MapGet(Pad, ListAsync).OnProtocolListener().ExcludeFromDescription();
        return app;
    }

    /// <summary>200 with <c>{ "samenwerkingsverbanden": [...] }</c>; 403 when the caller does not serve the school today.</summary>
    private static async Task<IResult> ListAsync(string brin, HttpContext context, IDbContextFactory<CentralDb> dbs, TimeProvider time)
    {
        if (AnkerApi.Caller(context) is not { } caller) return AnkerApi.Problem(403, "systeem", "Het clientcertificaat noemt geen (vertrouwd) systeem.");
        var ct = context.RequestAborted;
        await using var db = await dbs.CreateDbContextAsync(ct);
        var nu = time.GetUtcNow();
        var vandaag = Kalender.Vandaag(time);
        var school = await db.Scholen.AsNoTracking().FirstOrDefaultAsync(s => s.Brin == brin, ct);
        var systeem = await db.Systemen.AsNoTracking().FirstOrDefaultAsync(s => s.Id == caller.Value, ct);
        var reden = school is null ? $"School {brin} staat niet in het OSO-register."
            : Deelnemers.Systeem(systeem, caller.Value, kwalificatieNodig: false)?.Reden
            ?? (await Deelnemers.HeeftMandaatAsync(db, school, caller.Value, vandaag, ct) ? null
                : $"Systeem {caller} heeft vandaag geen geldig mandaat van het bestuur van school {brin}.");
        if (reden is not null)
        {
            // a refused read is audited, as a refused anchor is (the answer says no more than "not yours"; the operator sees why)
            db.Audit.Add(AuditRecord.VanSysteem(nu, caller.Value, "swv.lijst.geweigerd", brin, "samenwerkingsverbanden van de school gevraagd; " + reden));
            await db.SaveChangesAsync(ct);
            return AnkerApi.Problem(403, "register.niet-bevoegd",
                $"Systeem {caller} bedient school {brin} niet (geen geldig mandaat van het bestuur): alleen dat systeem vraagt de samenwerkingsverbanden van de school op.");
        }

        var swvs = await (from l in db.SwvLeden
                          join s in db.Scholen on l.SwvBrin equals s.Brin
                          where l.SchoolBrin == brin && s.Sector == Sector.SWV
                          orderby s.Naam
                          select s).AsNoTracking().ToListAsync(ct);
        var lijst = new List<SwvKeuze>();
        foreach (var swv in swvs)
        {
            var punten = (await db.Aanleverpunten.AsNoTracking().Where(a => a.Brin == swv.Brin && a.Doel == Uitwisseldoel.Swv).ToListAsync(ct))
                .Where(a => a.ActiefOp(vandaag)).ToList();
            string? waarom = Deelnemers.School(swv, swv.Brin, nu, ResultaatCode.NietGekwalificeerd)?.Reden
                ?? (punten.Count == 0 ? $"Samenwerkingsverband {swv.Brin} heeft vandaag geen actief aanleverpunt voor swv-dossiers." : null);
            if (waarom is null)
            {
                var gemandateerd = false;
                foreach (var p in punten) gemandateerd |= await Deelnemers.HeeftMandaatAsync(db, swv, p.SysteemId, vandaag, ct);
                if (!gemandateerd) waarom = $"Het systeem van samenwerkingsverband {swv.Brin} heeft geen geldig mandaat van zijn bestuur.";
            }
            lijst.Add(new SwvKeuze(swv.Brin, swv.Naam, swv.SwvCode, swv.Regio, waarom is null, waarom));
        }
        return Results.Json(new { samenwerkingsverbanden = lijst });
    }
}
