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
    private const string StapOverdracht = "overdracht";

    /// <summary>
    /// doel → TC: grants a session only when the doel system and school are qualified and mandated, the doel
    /// aanleverpunt is active and the caller's, the bron school is known, active and qualified, the key fits the
    /// overdrachtsoort, and the bron has an active aanleverpunt. A test exchange with the test school (00YY) needs no
    /// qualification or mandate: it is how a system qualifies. A refusal is kept as a refused session with its trace.
    /// </summary>
    private async Task<TcAntwoord> OverdrachtAsync(CentralDb db, RegisterLookup reg, string caller, OverdrachtRequest r, CancellationToken ct)
    {
        var bron = r.BronBrin.Value;
        var doel = r.DoelBrin.Value;
        var doelRk = r.DoelRouteringsKenmerk.Value;

        var doelAp = await AanleverpuntAsync(reg, r.DoelRouteringsKenmerk, ct);
        if (doelAp is not null && doelAp.SysteemId != caller)
            return NietGeautoriseerd(db, StapOverdracht, caller, bron, doel, doelRk, null,
                $"Aanleverpunt {doelRk} van school {doelAp.Brin} wordt beheerd door een ander systeem dan '{caller}'.");

        var weigering = await OverdrachtWeigeringAsync(db, reg, caller, r, doelAp, ct);
        var sessie = new Sessie
        {
            Id = Guid.NewGuid(),
            Soort = SessieSoort.Overdracht,
            BronBrin = bron,
            BronRouteringsKenmerk = r.BronRouteringsKenmerk?.Value,
            DoelBrin = doel,
            DoelRouteringsKenmerk = doelRk,
            SysteemId = caller,
            TraceId = Oso.Hosting.Telemetry.OsoTelemetry.CurrentTraceId,
            Overdrachtsoort = r.Overdrachtsoort,
            AangemaaktOp = Nu,
            VerlooptOp = Nu + options.SessieDuur,
        };
        if (weigering is not null)
        {
            sessie.Status = SessieStatus.Geweigerd;
            sessie.Resultaat = weigering.Code;
            db.Sessies.Add(sessie);
            Stap(db, StapOverdracht, caller, bron, doel, sessie.Id, doelRk, weigering.Code, false, "Overdracht geweigerd. " + weigering.Toelichting);
            return new TcAntwoord.Bericht(new OverdrachtResponse.Geweigerd(weigering.Code));
        }

        var punten = await BronAanleverpuntenAsync(db, reg, r, ct);
        if (punten.Count == 0)
        {
            var geen = new Weigering(ResultaatCode.GeenActiefAanleverpunt, r.BronRouteringsKenmerk is { } gevraagd
                ? $"Aanleverpunt {gevraagd} van bronschool {bron} is niet actief voor dit soort overdracht."
                : $"Bronschool {bron} heeft vandaag geen actief aanleverpunt voor dit soort overdracht.");
            sessie.Status = SessieStatus.Geweigerd;
            sessie.Resultaat = geen.Code;
            db.Sessies.Add(sessie);
            Stap(db, StapOverdracht, caller, bron, doel, sessie.Id, doelRk, geen.Code, false, "Overdracht geweigerd. " + geen.Toelichting);
            return new TcAntwoord.Bericht(new OverdrachtResponse.Geweigerd(geen.Code));
        }

        if (await DezelfdeSessieAsync(db, caller, r, ct) is { } open)
        {
            Stap(db, StapOverdracht, caller, bron, doel, open.Id, doelRk, null, true,
                $"Dezelfde overdracht (zelfde {(r.Sleutel is SessieSleutel.Koppel ? "koppelsleutel" : "zoeksleutel")}) opnieuw gevraagd door systeem '{caller}': de sessie die nog open is, geldt nog "
                + $"(tot {open.VerlooptOp:yyyy-MM-dd HH:mm} UTC); er is geen tweede sessie uitgegeven. Het doelsysteem vraagt nu {punten.Count} aanleverpunt(en) van de bronschool: "
                + string.Join(", ", punten.Select(p => p.RouteringsKenmerk)) + ".");
            return Toegekend(open.Id, punten);
        }

        sessie.Status = SessieStatus.Open;
        switch (r.Sleutel)
        {
            case SessieSleutel.Zoek z: sessie.Zoeksleutel = z.Zoeksleutel.ToBase64(); break;
            case SessieSleutel.Koppel k: sessie.Koppelsleutel = k.Koppelsleutel.Value; break;
        }
        db.Sessies.Add(sessie);
        Stap(db, StapOverdracht, caller, bron, doel, sessie.Id, doelRk, null, true,
            $"Sessie uitgegeven aan systeem '{caller}' voor een {Soort(r.Overdrachtsoort)} van school {bron} naar school {doel}; "
            + $"geldig tot {sessie.VerlooptOp:yyyy-MM-dd HH:mm} UTC. Het doelsysteem vraagt nu {punten.Count} aanleverpunt(en) van de bronschool: "
            + string.Join(", ", punten.Select(p => p.RouteringsKenmerk)) + ".");
        return Toegekend(sessie.Id, punten);
    }

    private static TcAntwoord.Bericht Toegekend(Guid sessie, List<AanleverpuntRecord> punten) =>
        new(new OverdrachtResponse.Toegekend(SessieId.From(sessie),
            punten.Select(p => new Aanleverpunt(RouteringsKenmerk.Parse(p.RouteringsKenmerk), new Uri(p.Url), SysteemId.Parse(p.SysteemId))).ToList()));

    /// <summary>
    /// The same overdracht asked again: the doel draws its zoeksleutel key once per transfer request and keeps it before
    /// it asks (an SWV keeps the koppelsleutel of the melding, which opens one session), so a retry after a crash (the
    /// doel's instance killed after the TC granted, or the TC's answer lost) carries the same key. Then the session granted
    /// before — still open, not expired, to the same system for the same routing and overdrachtsoort — is given again
    /// instead of a second one that nobody would close.
    /// </summary>
    private async Task<Sessie?> DezelfdeSessieAsync(CentralDb db, string caller, OverdrachtRequest r, CancellationToken ct)
    {
        var (bronRk, nu) = (r.BronRouteringsKenmerk?.Value, Nu);
        return r.Sleutel switch
        {
            SessieSleutel.Zoek z => await OpenSessieMetZoeksleutel.For(db)(db, z.Zoeksleutel.ToBase64(), caller, r.BronBrin.Value, bronRk, r.DoelBrin.Value,
                r.DoelRouteringsKenmerk.Value, r.Overdrachtsoort, nu, ct),
            SessieSleutel.Koppel k => await OpenSessieMetKoppelsleutel.For(db)(db, k.Koppelsleutel.Value, caller, r.BronBrin.Value, bronRk, r.DoelBrin.Value,
                r.DoelRouteringsKenmerk.Value, r.Overdrachtsoort, nu, ct),
            _ => null,
        };
    }

    // asked on every overdracht, compiled once (bench/results.md §7, change 9); the two differ only in the key
    private static readonly CompiledPerModel<Func<CentralDb, string, string, string, string?, string, string, Overdrachtsoort, DateTimeOffset, CancellationToken, Task<Sessie?>>>
        OpenSessieMetZoeksleutel = new(() => EF.CompileAsyncQuery((CentralDb db, string zoeksleutel, string systeem, string bronBrin, string? bronRk, string doelBrin,
                string doelRk, Overdrachtsoort soort, DateTimeOffset nu, CancellationToken ct) => db.Sessies.AsNoTracking()
            .Where(s => s.Zoeksleutel == zoeksleutel && s.Soort == SessieSoort.Overdracht && s.Status == SessieStatus.Open && s.SysteemId == systeem
                && s.BronBrin == bronBrin && s.BronRouteringsKenmerk == bronRk && s.DoelBrin == doelBrin
                && s.DoelRouteringsKenmerk == doelRk && s.Overdrachtsoort == soort && s.VerlooptOp > nu)
            .OrderByDescending(s => s.AangemaaktOp)
            .FirstOrDefault()));

    private static readonly CompiledPerModel<Func<CentralDb, Guid, string, string, string?, string, string, Overdrachtsoort, DateTimeOffset, CancellationToken, Task<Sessie?>>>
        OpenSessieMetKoppelsleutel = new(() => EF.CompileAsyncQuery((CentralDb db, Guid koppelsleutel, string systeem, string bronBrin, string? bronRk, string doelBrin,
                string doelRk, Overdrachtsoort soort, DateTimeOffset nu, CancellationToken ct) => db.Sessies.AsNoTracking()
            .Where(s => s.Koppelsleutel == koppelsleutel && s.Soort == SessieSoort.Overdracht && s.Status == SessieStatus.Open && s.SysteemId == systeem
                && s.BronBrin == bronBrin && s.BronRouteringsKenmerk == bronRk && s.DoelBrin == doelBrin
                && s.DoelRouteringsKenmerk == doelRk && s.Overdrachtsoort == soort && s.VerlooptOp > nu)
            .OrderByDescending(s => s.AangemaaktOp)
            .FirstOrDefault()));

    private async Task<Weigering?> OverdrachtWeigeringAsync(CentralDb db, RegisterLookup reg, string caller, OverdrachtRequest r, AanleverpuntRecord? doelAp, CancellationToken ct)
    {
        var bron = r.BronBrin.Value;
        var doel = r.DoelBrin.Value;
        var swv = r.Overdrachtsoort == Overdrachtsoort.SwvDossier;
        if (swv != r.Sleutel is SessieSleutel.Koppel)
            return new(ResultaatCode.OngeldigVerzoek, swv
                ? "Een swv-dossier wordt opgevraagd met een koppelsleutel, niet met een zoeksleutel."
                : "Een overstapdossier of overdracht binnen BRIN wordt opgevraagd met een zoeksleutel, niet met een koppelsleutel.");
        if (r.DoelRouteringsKenmerk.Brin != r.DoelBrin)
            return new(ResultaatCode.OngeldigVerzoek, $"Het doelaanleverpunt {r.DoelRouteringsKenmerk} hoort niet bij doelschool {doel}.");
        if (r.BronRouteringsKenmerk is { } bronRk && bronRk.Brin != r.BronBrin)
            return new(ResultaatCode.OngeldigVerzoek, $"Het gevraagde bronaanleverpunt {bronRk} hoort niet bij bronschool {bron}.");
        if (r.Overdrachtsoort == Overdrachtsoort.OverdrachtBinnenBrin && r.BronBrin != r.DoelBrin)
            return new(ResultaatCode.GeenRelatieMetDoel, $"Overdracht binnen BRIN gevraagd, maar bronschool {bron} en doelschool {doel} verschillen.");
        if (doelAp is null || !doelAp.ActiefOp(Vandaag))
            return new(ResultaatCode.OnbekendAanleverpunt, doelAp is null
                ? $"Doelaanleverpunt {r.DoelRouteringsKenmerk} is niet geregistreerd."
                : $"Doelaanleverpunt {r.DoelRouteringsKenmerk} is vandaag niet actief (geldig {Periode(doelAp.Van, doelAp.Tot)}).");

        var systeem = await reg.SysteemAsync(caller, ct);
        var test = bron == Testschool.Brin;
        if (Deelnemers.Systeem(systeem, caller, kwalificatieNodig: !test) is { } s) return s;
        if (!test)
        {
            var doelSchool = await SchoolAsync(reg, r.DoelBrin, ct);
            if (Deelnemers.School(doelSchool, doel, Nu, ResultaatCode.NietGekwalificeerd) is { } d) return d;
            if (await Deelnemers.MandaatAsync(reg, doelSchool!, caller, Vandaag, ct) is { } m) return m;
        }
        var bronSchool = await SchoolAsync(reg, r.BronBrin, ct);
        if (Deelnemers.School(bronSchool, bron, Nu, ResultaatCode.VerstrekkerNietBekend) is { } b) return b;
        if (r.Sleutel is SessieSleutel.Koppel koppel)
        {
            var koppeling = await db.Koppelingen.AsNoTracking().FirstOrDefaultAsync(k => k.Koppelsleutel == koppel.Koppelsleutel.Value, ct);
            if (koppeling is null || koppeling.SchoolBrin != bron || koppeling.SwvBrin != doel)
                return new(ResultaatCode.GeenRelatieMetDoel,
                    $"De koppelsleutel hoort niet bij een melding van bronschool {bron} aan samenwerkingsverband {doel}.");
            if (koppeling.SwvRouteringsKenmerk != r.DoelRouteringsKenmerk.Value)
                return new(ResultaatCode.OnbekendAanleverpunt,
                    $"De koppelsleutel is uitgegeven voor SWV-aanleverpunt {koppeling.SwvRouteringsKenmerk}, niet voor {r.DoelRouteringsKenmerk}.");
            if (r.BronRouteringsKenmerk is { } gevraagd && gevraagd.Value != koppeling.SchoolRouteringsKenmerk)
                return new(ResultaatCode.SessieAfwijkend,
                    $"De koppelsleutel hoort bij bronaanleverpunt {koppeling.SchoolRouteringsKenmerk}, niet bij {gevraagd}.");
            // one SWV exchange per koppelsleutel: once its session was closed, the key cannot open another
            var afgemeld = await db.Sessies.AsNoTracking().Where(s => s.Koppelsleutel == koppeling.Koppelsleutel
                    && s.Soort == SessieSoort.Overdracht && s.Status == SessieStatus.Afgemeld)
                .Select(s => s.AfgemeldOp).FirstOrDefaultAsync(ct);
            if (afgemeld is not null)
                return new(ResultaatCode.SessieReedsAfgemeld,
                    $"Met deze koppelsleutel is het swv-dossier al opgehaald en de sessie op {afgemeld:yyyy-MM-dd HH:mm} UTC afgemeld; een koppelsleutel opent één sessie.");
        }
        return null;
    }

    /// <summary>
    /// The bron aanleverpunten to ask: for an swv-dossier only the one that announced it (bound to the koppelsleutel);
    /// otherwise the bron school's active OV aanleverpunten (or the one asked for).
    /// </summary>
    private async Task<List<AanleverpuntRecord>> BronAanleverpuntenAsync(CentralDb db, RegisterLookup reg, OverdrachtRequest r, CancellationToken ct)
    {
        var rk = r.BronRouteringsKenmerk?.Value;
        if (r.Sleutel is SessieSleutel.Koppel koppel)
            rk = await db.Koppelingen.AsNoTracking().Where(k => k.Koppelsleutel == koppel.Koppelsleutel.Value)
                .Select(k => k.SchoolRouteringsKenmerk).FirstAsync(ct);
        var punten = await reg.AanleverpuntenAsync(r.BronBrin.Value, Uitwisseldoel.Ov, ct);
        return punten.Where(a => (rk == null || a.RouteringsKenmerk == rk) && a.ActiefOp(Vandaag)).ToList();
    }

    private static string Soort(Overdrachtsoort soort) => soort switch
    {
        Overdrachtsoort.Overstapdossier => "overstapdossier",
        Overdrachtsoort.OverdrachtBinnenBrin => "overdracht binnen BRIN",
        _ => "swv-dossier",
    };

    private static string Periode(DateOnly van, DateOnly? tot) => tot is null ? $"vanaf {van:yyyy-MM-dd}" : $"van {van:yyyy-MM-dd} tot en met {tot:yyyy-MM-dd}";
}
