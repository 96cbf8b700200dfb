using Microsoft.EntityFrameworkCore;
using Brin = Oso.Dossier.Identifiers.Brin;
using Oso.Central.Register;
using Oso.Central.Storage;
using Oso.Central.TestSchool;
using Oso.Protocol.Identifiers;
using Oso.Protocol.Messages;
using Oso.Protocol.Results;

namespace Oso.Central.TrafficCenter;

internal sealed partial class TrafficCenterService
{
    private const string StapSessiecontrole = "sessiecontrole";
    private const string StapAfmelding = "afmelding";

    // the session look-ups of every sessiecontrole and afmelding, compiled once (bench/results.md §7, change 9)
    private static readonly CompiledPerModel<Func<CentralDb, Guid, CancellationToken, Task<Sessie?>>> UitgegevenSessieQuery = new(() =>
        EF.CompileAsyncQuery((CentralDb db, Guid id, CancellationToken ct) => db.Sessies.AsNoTracking()
            .FirstOrDefault(s => s.Id == id && s.Soort == SessieSoort.Overdracht && s.Status != SessieStatus.Geweigerd)));

    private static readonly CompiledPerModel<Func<CentralDb, Guid, CancellationToken, Task<Sessie?>>> OverdrachtSessieQuery = new(() =>
        EF.CompileAsyncQuery((CentralDb db, Guid id, CancellationToken ct) => db.Sessies.AsNoTracking()
            .FirstOrDefault(s => s.Id == id && s.Soort == SessieSoort.Overdracht)));

    private static Task<Sessie?> UitgegevenSessie(CentralDb db, Guid id, CancellationToken ct) => UitgegevenSessieQuery.For(db)(db, id, ct);

    private static Task<Sessie?> OverdrachtSessie(CentralDb db, Guid id, CancellationToken ct) => OverdrachtSessieQuery.For(db)(db, id, ct);

    /// <summary>
    /// bron → TC: the bron aanleverpunt must be the caller's (else 403); every field must match the open session.
    /// Answers the doel school's sector, and the doel school, aanleverpunt and system of the session, so that the bron
    /// can refuse a documentRequest from any other system.
    /// </summary>
    private async Task<TcAntwoord> SessiecontroleAsync(CentralDb db, RegisterLookup reg, string caller, SessiecontroleRequest r, CancellationToken ct)
    {
        var routing = r.Routering;
        var bronAp = await AanleverpuntAsync(reg, routing.BronRouteringsKenmerk, ct);
        if (bronAp is null || bronAp.SysteemId != caller)
            return NietGeautoriseerd(db, StapSessiecontrole, caller, routing.BronBrin.Value, routing.DoelBrin.Value,
                routing.BronRouteringsKenmerk.Value, null, bronAp is null
                    ? $"Bronaanleverpunt {routing.BronRouteringsKenmerk} is niet geregistreerd, dus niet van systeem '{caller}'."
                    : $"Bronaanleverpunt {routing.BronRouteringsKenmerk} wordt beheerd door een ander systeem dan '{caller}'.");

        var sessie = await UitgegevenSessie(db, r.SessieId.Value, ct);
        var weigering = SessiecontroleWeigering(r, sessie);
        if (weigering is null)
        {
            var doelSchool = await SchoolAsync(reg, routing.DoelBrin, ct);
            var sector = doelSchool?.Sector.ToString() ?? "PO";
            Stap(db, StapSessiecontrole, caller, routing.BronBrin.Value, routing.DoelBrin.Value, sessie!.Id, routing.BronRouteringsKenmerk.Value,
                null, true, $"Sessiecontrole geslaagd voor bronaanleverpunt {routing.BronRouteringsKenmerk}: het verzoek komt overeen met de sessie. "
                + "De bronschool beoordeelt nu of zij het dossier mag leveren (klaargezet, inzage of toestemming, juiste doelschool).");
            // the bron binds the documentRequest to this: it delivers only to the system that opened the session
            return new TcAntwoord.Bericht(new SessiecontroleResponse.Geldig(sector, Brin.Parse(sessie.DoelBrin),
                RouteringsKenmerk.Parse(sessie.DoelRouteringsKenmerk), SysteemId.Parse(sessie.SysteemId)));
        }
        Weiger(db, StapSessiecontrole, caller, routing, sessie?.Id, weigering with { Reden = "Sessiecontrole geweigerd: " + weigering.Reden });
        return new TcAntwoord.Bericht(new SessiecontroleResponse.Ongeldig(weigering.Code));
    }

    private Weigering? SessiecontroleWeigering(SessiecontroleRequest r, Sessie? sessie)
    {
        var routing = r.Routering;
        if (r.Overdrachtsoort == Overdrachtsoort.OverdrachtBinnenBrin && routing.BronBrin != routing.DoelBrin)
            return new(ResultaatCode.GeenRelatieMetDoel, $"overdracht binnen BRIN, maar bronschool {routing.BronBrin} en doelschool {routing.DoelBrin} verschillen.");
        if (sessie is null)
            return new(ResultaatCode.SessieAfwijkend, "het Traffic Center heeft geen sessie met dit sessie-id uitgegeven.");
        if (sessie.Status == SessieStatus.Afgemeld)
            return new(ResultaatCode.SessieReedsAfgemeld, $"de sessie is op {sessie.AfgemeldOp:yyyy-MM-dd HH:mm} UTC afgemeld door de doelschool.");
        if (Nu >= sessie.VerlooptOp)
            return new(ResultaatCode.SessieVerlopen, $"de sessie is verlopen op {sessie.VerlooptOp:yyyy-MM-dd HH:mm} UTC.");
        if (routing.BronBrin.Value != sessie.BronBrin)
            return new(ResultaatCode.SessieAfwijkend, $"bronschool {routing.BronBrin} wijkt af van de bronschool in de sessie ({sessie.BronBrin}).");
        if (routing.BronRouteringsKenmerk.Brin != routing.BronBrin
            || (sessie.BronRouteringsKenmerk is { } alleen && alleen != routing.BronRouteringsKenmerk.Value))
            return new(ResultaatCode.SessieAfwijkend, $"bronaanleverpunt {routing.BronRouteringsKenmerk} hoort niet bij deze sessie.");
        if (routing.DoelBrin.Value != sessie.DoelBrin)
            return new(ResultaatCode.SessieAfwijkend, $"doelschool {routing.DoelBrin} wijkt af van de doelschool in de sessie ({sessie.DoelBrin}).");
        if (routing.DoelRouteringsKenmerk.Value != sessie.DoelRouteringsKenmerk)
            return new(ResultaatCode.OnbekendAanleverpunt,
                $"doelaanleverpunt {routing.DoelRouteringsKenmerk} wijkt af van het aanleverpunt in de sessie ({sessie.DoelRouteringsKenmerk}).");
        if (r.Overdrachtsoort != sessie.Overdrachtsoort)
            return new(ResultaatCode.SessieAfwijkend, "de overdrachtsoort wijkt af van die in de sessie.");
        if (!SleutelPast(r.Sleutel, sessie))
            return new(ResultaatCode.SessieAfwijkend, r.Sleutel is SessieSleutel.Zoek
                ? "de zoeksleutel past niet bij de sessie: het PGN of de sleutel in het documentverzoek verschilt van wat de doelschool het Traffic Center gaf."
                : "de koppelsleutel past niet bij de sessie.");
        return null;
    }

    private static bool SleutelPast(SessieSleutel sleutel, Sessie sessie) => sleutel switch
    {
        SessieSleutel.Zoek z => sessie.Zoeksleutel is { } opgeslagen && Zoeksleutel.TryParse(opgeslagen, out var s) && s.Equals(z.Zoeksleutel),
        SessieSleutel.Koppel k => sessie.Koppelsleutel == k.Koppelsleutel.Value,
        _ => false,
    };

    /// <summary>
    /// doel → TC: only the doel system of the session closes it, once, recording the beste resultaat. A successful
    /// test exchange with the test school qualifies the calling system.
    /// </summary>
    private async Task<TcAntwoord> AfmeldingAsync(CentralDb db, string caller, AfmeldingRequest r, CancellationToken ct)
    {
        var routing = r.Routering;
        // read, not tracked: the afmelding changes the session only by the guarded update below
        var sessie = await OverdrachtSessie(db, r.SessieId.Value, ct);
        if (sessie is not null && sessie.SysteemId != caller)
            return NietGeautoriseerd(db, StapAfmelding, caller, routing.BronBrin.Value, routing.DoelBrin.Value, routing.DoelRouteringsKenmerk.Value,
                sessie.Id, $"Alleen het doelsysteem van de sessie ('{sessie.SysteemId}') mag haar afmelden, niet '{caller}'.");

        Weigering? weigering =
            sessie is null || sessie.Status == SessieStatus.Geweigerd ? new(ResultaatCode.SessieAfwijkend, "het Traffic Center heeft geen sessie met dit sessie-id uitgegeven.")
            : sessie.Status == SessieStatus.Afgemeld ? new(ResultaatCode.SessieReedsAfgemeld, $"de sessie is al afgemeld op {sessie.AfgemeldOp:yyyy-MM-dd HH:mm} UTC.")
            : Nu >= sessie.VerlooptOp ? new(ResultaatCode.SessieVerlopen, $"de sessie is verlopen op {sessie.VerlooptOp:yyyy-MM-dd HH:mm} UTC.")
            : routing.DoelBrin.Value != sessie.DoelBrin || routing.BronBrin.Value != sessie.BronBrin || routing.BronRouteringsKenmerk.Brin != routing.BronBrin
                ? new(ResultaatCode.SessieAfwijkend, "de bron- of doelschool in de afmelding wijkt af van de sessie.")
            : routing.DoelRouteringsKenmerk.Value != sessie.DoelRouteringsKenmerk
                ? new(ResultaatCode.OnbekendAanleverpunt, $"doelaanleverpunt {routing.DoelRouteringsKenmerk} wijkt af van het aanleverpunt in de sessie.")
            : null;
        if (weigering is not null)
        {
            Weiger(db, StapAfmelding, caller, routing, sessie?.Id, weigering with { Reden = "Afmelding geweigerd: " + weigering.Reden });
            return new TcAntwoord.Bericht(new AfmeldingResponse(weigering.Code));
        }

        // one afmelding only, also when two arrive at once: the update succeeds for the first
        // (the update by hand, as the session and the trace step: ADR 0015)
        if (!await TcStatements.AfmeldAsync(db, sessie!.Id, Nu, r.Resultaat, routing.BronRouteringsKenmerk.Value, ct))
        {
            var dubbel = new Weigering(ResultaatCode.SessieReedsAfgemeld, "Afmelding geweigerd: de sessie is zojuist al afgemeld.");
            Weiger(db, StapAfmelding, caller, routing, sessie!.Id, dubbel);
            return new TcAntwoord.Bericht(new AfmeldingResponse(dubbel.Code));
        }
        var info = r.Resultaat.Info();
        Stap(db, StapAfmelding, caller, sessie!.BronBrin, sessie.DoelBrin, sessie.Id, routing.BronRouteringsKenmerk.Value, r.Resultaat,
            r.Resultaat == ResultaatCode.OverdrachtGeslaagd,
            $"Sessie afgemeld door de doelschool. Beste resultaat: {info.Waarde} (van bronaanleverpunt {routing.BronRouteringsKenmerk}). {info.Toelichting}");
        if (sessie.BronBrin == Testschool.Brin && r.Resultaat == ResultaatCode.OverdrachtGeslaagd)
            await KwalificeerNaTestAsync(db, sessie, caller, ct);
        return new TcAntwoord.Bericht(new AfmeldingResponse(ResultaatCode.AfmeldingOntvangen));
    }

    /// <summary>
    /// A system qualifies by a test exchange: a session with the test school in which the test school delivered a
    /// dossier (its own trace step) and the doel reported OverdrachtGeslaagd.
    /// </summary>
    private async Task KwalificeerNaTestAsync(CentralDb db, Sessie sessie, string caller, CancellationToken ct)
    {
        var geleverd = await db.TraceStappen.AnyAsync(t => t.SessieId == sessie.Id && t.Stap == TestschoolStappen.Levering && t.Geslaagd, ct);
        var systeem = await db.Systemen.FirstOrDefaultAsync(s => s.Id == caller, ct);
        if (!geleverd || systeem is null || systeem.GekwalificeerdSinds is not null) return;
        systeem.GekwalificeerdSinds = Nu;
        systeem.KwalificatieBewijs = $"testuitwisseling met testschool {Testschool.Brin}, sessie {sessie.Id}";
        Stap(db, "kwalificatie", caller, sessie.BronBrin, sessie.DoelBrin, sessie.Id, null, null, true,
            $"Systeem '{caller}' is gekwalificeerd: de testuitwisseling met testschool {Testschool.Brin} is geslaagd.");
    }
}
