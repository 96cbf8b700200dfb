using Oso.Central.TrafficCenter;
using Oso.Protocol.Identifiers;
using Oso.Protocol.Messages;
using Oso.Protocol.Results;

namespace Oso.Central.TestSchool;

/// <summary>The names of the test school's trace steps.</summary>
internal static class TestschoolStappen
{
    /// <summary>The test school delivered a dossier (what a system's qualification rests on).</summary>
    public const string Levering = "testschool";
}

/// <summary>
/// The test school as a bron: checks the documentRequest's session with the Traffic Center (in-process, as its own
/// system), then answers by the fixed test pupils. The PGN stays here: it is used to pick the pupil and to
/// recompute the zoeksleutel, and is never stored or logged; the trace names the test case, not the number.
/// </summary>
internal sealed class TestschoolService(TrafficCenterService trafficCenter, TestschoolDossiers dossiers)
{
    public async Task<TcAntwoord> HandleAsync(SysteemId caller, OsoRequest request, CancellationToken ct)
    {
        if (request is not DocumentRequest document)
            return new TcAntwoord.NietHier($"De testschool beantwoordt alleen documentverzoeken, geen '{request.ElementName}'.");
        var routing = document.Routering;
        // a request that names another bron aanleverpunt than this one: as any bron answers it (docs/school.md §7)
        if (routing.BronBrin.Value != Testschool.Brin || routing.BronRouteringsKenmerk.Value != Testschool.RouteringsKenmerk)
            return Antwoord(ResultaatCode.OnbekendAanleverpunt);

        var controle = await trafficCenter.HandleAsync(SysteemId.Parse(Testschool.SysteemId),
            new SessiecontroleRequest(routing, document.Sleutel.NaarSessieSleutel(), document.Overdrachtsoort, document.SessieId), ct);
        if (controle is not TcAntwoord.Bericht { Response: SessiecontroleResponse.Geldig geldig })
            return Antwoord(controle is TcAntwoord.Bericht { Response: SessiecontroleResponse.Ongeldig o } ? o.Resultaat : ResultaatCode.TechnischeFout);
        // like any bron: only the system that opened the session gets an answer about its pupil
        if (geldig.RefusalFor(caller, routing) is { } weigering)
        {
            await trafficCenter.RecordAsync(document.SessieId, routing, caller.Value, "testschool", weigering, false,
                $"Testschool {Testschool.Brin} weigerde het documentverzoek van systeem '{caller}' (de sessie is van systeem '{geldig.DoelSysteem}', "
                + $"doelaanleverpunt {geldig.DoelRouteringsKenmerk}). "
                + weigering.Info().Toelichting, ct);
            return Antwoord(weigering);
        }

        var leerling = document.Sleutel is DocumentSleutel.Leerling l ? TestLeerlingen.Vind(l.Pgn.Value) : null;
        var code = leerling?.Resultaat(document.Overdrachtsoort) ?? ResultaatCode.LeerlingOnbekend;
        if (code == ResultaatCode.OverdrachtGeslaagd && document.Aanvraagdatum is { } sinds && sinds >= TestLeerlingen.Klaargezet)
            code = ResultaatCode.LeerlinginfoNietGewijzigd;
        var geval = leerling is null ? "een leerling die de testschool niet kent" : $"testleerling '{leerling.Sleutel}'";
        var info = code.Info();
        await trafficCenter.RecordAsync(document.SessieId, routing, caller.Value, code == ResultaatCode.OverdrachtGeslaagd ? TestschoolStappen.Levering : "testschool",
            code, code is ResultaatCode.OverdrachtGeslaagd or ResultaatCode.LeerlinginfoNietGewijzigd,
            $"Testschool {Testschool.Brin} beantwoordde het documentverzoek voor {geval} met {info.Waarde}. {info.Toelichting}", ct);
        return code == ResultaatCode.OverdrachtGeslaagd
            ? new TcAntwoord.Bericht(new DocumentResponse.Geleverd(dossiers.Voor(leerling!)))
            : Antwoord(code);
    }

    private static TcAntwoord.Bericht Antwoord(ResultaatCode code) => new(new DocumentResponse.NietGeleverd(code));
}
