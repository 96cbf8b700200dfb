using Microsoft.EntityFrameworkCore;
using Oso.Central.Register;
using Oso.Central.Storage;
using Oso.Central.TestSchool;
using Oso.Protocol.Identifiers;
using Oso.Protocol.Messages;
using Oso.Protocol.Results;

namespace Oso.Central.TrafficCenter;

internal sealed partial class TrafficCenterService
{
    private const string StapNotificatie = "meldenNotificatie";
    private const string StapTerugkoppeling = "meldenTerugkoppeling";

    /// <summary>
    /// bron → TC. OV: only the bron of the (earlier) session announces a newer dossier; the answer is the doel
    /// aanleverpunt's URL. The session may be closed already — that is when notificaties are useful. SWV: the bron
    /// school (qualified, its system mandated) gets a new koppelsleutel and the SWV aanleverpunt's URL.
    /// </summary>
    private async Task<TcAntwoord> MeldenNotificatieAsync(CentralDb db, RegisterLookup reg, string caller, MeldenNotificatieRequest r, CancellationToken ct)
    {
        var routing = r.Routering;
        var bronAp = await AanleverpuntAsync(reg, routing.BronRouteringsKenmerk, ct);
        if (bronAp is null || bronAp.SysteemId != caller || bronAp.Brin != routing.BronBrin.Value)
            return NietGeautoriseerd(db, StapNotificatie, caller, routing.BronBrin.Value, routing.DoelBrin.Value, routing.BronRouteringsKenmerk.Value, null,
                $"Bronaanleverpunt {routing.BronRouteringsKenmerk} van school {routing.BronBrin} wordt niet beheerd door systeem '{caller}'.");
        return r.Overstap is { } overstap
            ? await NotificatieOvAsync(db, reg, caller, routing, overstap, ct)
            : await NotificatieSwvAsync(db, reg, caller, routing, ct);
    }

    private async Task<TcAntwoord> NotificatieOvAsync(CentralDb db, RegisterLookup reg, string caller, Routering routing, OverstapAanvraag overstap, CancellationToken ct)
    {
        var sessie = await UitgegevenSessie(db, overstap.SessieId.Value, ct);
        var doelAp = await AanleverpuntAsync(reg, routing.DoelRouteringsKenmerk, ct);
        var bron = await SchoolAsync(reg, routing.BronBrin, ct);
        Weigering? weigering =
            // a supplier whose mandate ended no longer speaks for the school (the doel checks the same at overzichtAanleverpunt)
            bron is null ? new(ResultaatCode.VerstrekkerNietBekend, $"School {routing.BronBrin} is niet bekend in het OSO-register.")
            : await Deelnemers.MandaatAsync(reg, bron, caller, Vandaag, ct) is { } geenMandaat ? geenMandaat
            : sessie is null ? new(ResultaatCode.SessieAfwijkend, "het Traffic Center heeft geen sessie met dit sessie-id uitgegeven.")
            : sessie.BronBrin != routing.BronBrin.Value || sessie.DoelBrin != routing.DoelBrin.Value
                ? new(ResultaatCode.SessieAfwijkend, $"alleen de bronschool van de sessie ({sessie.BronBrin}) mag een notificatie voor doelschool {sessie.DoelBrin} melden.")
            : sessie.DoelRouteringsKenmerk != routing.DoelRouteringsKenmerk.Value
                ? new(ResultaatCode.OnbekendAanleverpunt, $"doelaanleverpunt {routing.DoelRouteringsKenmerk} wijkt af van het aanleverpunt in de sessie.")
            : doelAp is null || !doelAp.ActiefOp(Vandaag)
                ? new(ResultaatCode.OnbekendAanleverpunt, $"doelaanleverpunt {routing.DoelRouteringsKenmerk} is niet (meer) actief.")
            : null;
        if (weigering is not null)
        {
            Weiger(db, StapNotificatie, caller, routing, sessie?.Id, weigering with { Reden = "Notificatie geweigerd: " + weigering.Reden });
            return new TcAntwoord.Bericht(new MeldenNotificatieResponse.Geweigerd(weigering.Code));
        }
        Stap(db, StapNotificatie, caller, routing.BronBrin.Value, routing.DoelBrin.Value, sessie!.Id, routing.BronRouteringsKenmerk.Value, null, true,
            $"De bronschool meldt een nieuwere versie van het dossier voor de aanvraag van {overstap.Aanvraagdatum:yyyy-MM-dd}; "
            + $"zij stuurt de notificatie naar doelaanleverpunt {routing.DoelRouteringsKenmerk}. De doelschool kan het dossier opnieuw opvragen.");
        return new TcAntwoord.Bericht(new MeldenNotificatieResponse.Toegekend(new Uri(doelAp!.Url), null));
    }

    private async Task<TcAntwoord> NotificatieSwvAsync(CentralDb db, RegisterLookup reg, string caller, Routering routing, CancellationToken ct)
    {
        var weigering = await SwvNotificatieWeigeringAsync(db, reg, caller, routing, ct);
        var sessie = new Sessie
        {
            Id = Guid.NewGuid(),
            Soort = SessieSoort.SwvNotificatie,
            BronBrin = routing.BronBrin.Value,
            BronRouteringsKenmerk = routing.BronRouteringsKenmerk.Value,
            DoelBrin = routing.DoelBrin.Value,
            DoelRouteringsKenmerk = routing.DoelRouteringsKenmerk.Value,
            SysteemId = caller,
            TraceId = Oso.Hosting.Telemetry.OsoTelemetry.CurrentTraceId,
            Overdrachtsoort = Overdrachtsoort.SwvDossier,
            AangemaaktOp = Nu,
            VerlooptOp = Nu + options.SessieDuur,
        };
        db.Sessies.Add(sessie);
        if (weigering is not null)
        {
            sessie.Status = SessieStatus.Geweigerd;
            sessie.Resultaat = weigering.Code;
            Weiger(db, StapNotificatie, caller, routing, sessie.Id, weigering with { Reden = "SWV-notificatie geweigerd: " + weigering.Reden });
            return new TcAntwoord.Bericht(new MeldenNotificatieResponse.Geweigerd(weigering.Code));
        }
        var koppelsleutel = Koppelsleutel.New();
        sessie.Status = SessieStatus.Open;
        sessie.Koppelsleutel = koppelsleutel.Value;
        db.Koppelingen.Add(new Koppeling
        {
            Koppelsleutel = koppelsleutel.Value,
            SessieId = sessie.Id,
            SchoolBrin = routing.BronBrin.Value,
            SchoolRouteringsKenmerk = routing.BronRouteringsKenmerk.Value,
            SwvBrin = routing.DoelBrin.Value,
            SwvRouteringsKenmerk = routing.DoelRouteringsKenmerk.Value,
            AangemaaktOp = Nu,
        });
        var swvAp = await AanleverpuntAsync(reg, routing.DoelRouteringsKenmerk, ct);
        Stap(db, StapNotificatie, caller, routing.BronBrin.Value, routing.DoelBrin.Value, sessie.Id, routing.BronRouteringsKenmerk.Value, null, true,
            $"School {routing.BronBrin} meldt een dossier voor samenwerkingsverband {routing.DoelBrin}; het Traffic Center gaf een koppelsleutel uit. "
            + "Het samenwerkingsverband vraagt het dossier op met die koppelsleutel.");
        return new TcAntwoord.Bericht(new MeldenNotificatieResponse.Toegekend(new Uri(swvAp!.Url), koppelsleutel));
    }

    private async Task<Weigering?> SwvNotificatieWeigeringAsync(CentralDb db, RegisterLookup reg, string caller, Routering routing, CancellationToken ct)
    {
        var systeem = await reg.SysteemAsync(caller, ct);
        if (Deelnemers.Systeem(systeem, caller) is { } s) return s;
        var bron = await SchoolAsync(reg, routing.BronBrin, ct);
        if (Deelnemers.School(bron, routing.BronBrin.Value, Nu, ResultaatCode.NietGekwalificeerd) is { } b) return b;
        if (await Deelnemers.MandaatAsync(reg, bron!, caller, Vandaag, ct) is { } m) return m;
        // the SWV asks the dossier from, and sends its terugkoppeling to, the school's OV aanleverpunt: a koppelsleutel
        // bound to another aanleverpunt could never be used
        var bronAp = await AanleverpuntAsync(reg, routing.BronRouteringsKenmerk, ct);
        if (bronAp is null || bronAp.Doel != Uitwisseldoel.Ov || !bronAp.ActiefOp(Vandaag))
            return new(ResultaatCode.GeenActiefAanleverpunt,
                $"{routing.BronRouteringsKenmerk} is geen actief OV-aanleverpunt van school {routing.BronBrin}; een SWV-dossier gaat uit van het OV-aanleverpunt "
                + "van de school, waar ook de terugkoppeling aankomt. Actie voor de school: meld het vanaf haar OV-aanleverpunt.");
        var swv = await SchoolAsync(reg, routing.DoelBrin, ct);
        if (swv is null || swv.Deelname != Deelname.Actief)
            return new(ResultaatCode.OnbekendAanleverpunt, $"samenwerkingsverband {routing.DoelBrin} is niet (meer) bekend in het OSO-register.");
        if (swv.Sector != Sector.SWV)
            return new(ResultaatCode.GeenRelatieMetDoel, $"{routing.DoelBrin} ({swv.Naam}) is geen samenwerkingsverband.");
        var swvAp = await AanleverpuntAsync(reg, routing.DoelRouteringsKenmerk, ct);
        if (swvAp is null || swvAp.Brin != swv.Brin || swvAp.Doel != Uitwisseldoel.Swv || !swvAp.ActiefOp(Vandaag))
            return new(ResultaatCode.OnbekendAanleverpunt, $"{routing.DoelRouteringsKenmerk} is geen actief SWV-aanleverpunt van {routing.DoelBrin}.");
        if (!await db.SwvLeden.AnyAsync(l => l.SwvBrin == swv.Brin && l.SchoolBrin == bron!.Brin, ct))
            return new(ResultaatCode.GeenRelatieMetDoel,
                $"school {routing.BronBrin} hoort volgens het register niet bij samenwerkingsverband {routing.DoelBrin} ({swv.Naam}). "
                + "Actie voor het samenwerkingsverband: laat de school als lid registreren.");
        // the SWV must take part like a school: qualified, and the system that runs its aanleverpunt mandated by its board
        if (Deelnemers.School(swv, routing.DoelBrin.Value, Nu, ResultaatCode.NietGekwalificeerd) is { } q)
            return q with { Reden = $"samenwerkingsverband {routing.DoelBrin}: " + q.Reden };
        if (await Deelnemers.MandaatAsync(reg, swv, swvAp.SysteemId, Vandaag, ct) is { } sm)
            return sm with { Reden = $"samenwerkingsverband {routing.DoelBrin}: " + sm.Reden };
        return null;
    }

    /// <summary>
    /// SWV → TC: feedback about an earlier SWV exchange goes to the school's aanleverpunt. The caller must run the
    /// SWV's aanleverpunt, and the koppelsleutel must be of that school and SWV.
    /// </summary>
    private async Task<TcAntwoord> MeldenTerugkoppelingAsync(CentralDb db, RegisterLookup reg, string caller, MeldenTerugkoppelingRequest r, CancellationToken ct)
    {
        var routing = r.Routering;
        var swvAp = await AanleverpuntAsync(reg, routing.BronRouteringsKenmerk, ct);
        if (swvAp is null || swvAp.SysteemId != caller || swvAp.Brin != routing.BronBrin.Value)
            return NietGeautoriseerd(db, StapTerugkoppeling, caller, routing.BronBrin.Value, routing.DoelBrin.Value, routing.BronRouteringsKenmerk.Value, null,
                $"Aanleverpunt {routing.BronRouteringsKenmerk} van samenwerkingsverband {routing.BronBrin} wordt niet beheerd door systeem '{caller}'.");
        var koppeling = await db.Koppelingen.AsNoTracking().FirstOrDefaultAsync(k => k.Koppelsleutel == r.Koppelsleutel.Value, ct);
        var schoolAp = await AanleverpuntAsync(reg, routing.DoelRouteringsKenmerk, ct);
        Weigering? weigering =
            koppeling is null || koppeling.SwvBrin != routing.BronBrin.Value || koppeling.SchoolBrin != routing.DoelBrin.Value
                ? new(ResultaatCode.GeenRelatieMetDoel, $"de koppelsleutel hoort niet bij een uitwisseling tussen school {routing.DoelBrin} en samenwerkingsverband {routing.BronBrin}.")
            : schoolAp is null || schoolAp.Brin != routing.DoelBrin.Value || !schoolAp.ActiefOp(Vandaag)
                ? new(ResultaatCode.OnbekendAanleverpunt, $"{routing.DoelRouteringsKenmerk} is geen actief aanleverpunt van school {routing.DoelBrin}.")
            : schoolAp.Doel != Uitwisseldoel.Ov
                ? new(ResultaatCode.OnbekendAanleverpunt, $"{routing.DoelRouteringsKenmerk} is geen OV-aanleverpunt van school {routing.DoelBrin}; een terugkoppeling gaat naar het OV-aanleverpunt van de school.")
            : null;
        var sessieId = koppeling?.SessieId;
        if (weigering is not null)
        {
            Weiger(db, StapTerugkoppeling, caller, routing, sessieId, weigering with { Reden = "Terugkoppeling geweigerd: " + weigering.Reden });
            return new TcAntwoord.Bericht(new MeldenTerugkoppelingResponse.Geweigerd(weigering.Code));
        }
        Stap(db, StapTerugkoppeling, caller, routing.BronBrin.Value, routing.DoelBrin.Value, sessieId, routing.BronRouteringsKenmerk.Value, null, true,
            $"Samenwerkingsverband {routing.BronBrin} stuurt een terugkoppeling naar aanleverpunt {routing.DoelRouteringsKenmerk} van school {routing.DoelBrin} "
            + "(één poging, zonder automatische herhaling).");
        return new TcAntwoord.Bericht(new MeldenTerugkoppelingResponse.Toegekend(new Uri(schoolAp!.Url)));
    }

    /// <summary>
    /// any → TC: the active aanleverpunten of schools that take part, optionally filtered, each with the system that
    /// manages it when that system holds a valid mandate for the school today (a node checks the sender of a
    /// notificatie against it; without a mandate no system is named, and the node refuses).
    /// </summary>
    private async Task<TcAntwoord> OverzichtAsync(CentralDb db, OverzichtAanleverpuntRequest r, CancellationToken ct)
    {
        var brin = r.Brin?.Value;
        var rk = r.RouteringsKenmerk?.Value;
        var doel = r.Doel;
        var vandaag = Vandaag;
        var actieveScholen = db.Scholen.Where(s => s.Deelname == Deelname.Actief).Select(s => s.Brin);
        var punten = (await db.Aanleverpunten.AsNoTracking()
            .Where(a => actieveScholen.Contains(a.Brin) && (brin == null || a.Brin == brin) && (rk == null || a.RouteringsKenmerk == rk)
                && (doel == null || a.Doel == doel))
            .OrderBy(a => a.RouteringsKenmerk)
            .ToListAsync(ct)).Where(a => a.ActiefOp(vandaag)).ToList();
        var brins = punten.Select(a => a.Brin).Distinct().ToList();
        var mandaten = await (from m in db.Mandaten
                              join s in db.Scholen on m.Brin equals s.Brin
                              where brins.Contains(m.Brin) && m.BestuurId == s.BestuurId && m.Van <= vandaag && (m.Tot == null || m.Tot >= vandaag)
                              select new { m.Brin, m.SysteemId }).ToListAsync(ct);
        bool Gemandateerd(AanleverpuntRecord a) => a.Brin == Testschool.Brin || mandaten.Any(m => m.Brin == a.Brin && m.SysteemId == a.SysteemId);
        return new TcAntwoord.Bericht(new OverzichtAanleverpuntResponse(punten
            .Select(a => new Aanleverpunt(RouteringsKenmerk.Parse(a.RouteringsKenmerk), new Uri(a.Url), Gemandateerd(a) ? SysteemId.Parse(a.SysteemId) : null))
            .ToList()));
    }
}
