using Oso.Protocol.Identifiers;
using Oso.Protocol.Messages;
using Oso.Protocol.Results;
using static Oso.Protocol.Soap.WireValues;

namespace Oso.Protocol.Soap;

/// <summary>Turns the fields of a message element into the typed message, or a located Client fault.</summary>
internal static class MessageDecoder
{
    public static OsoMessage Decode(OsoOperation operation, bool response, FieldSet f)
    {
        OsoMessage message = (operation, response) switch
        {
            (OsoOperation.Overdracht, false) => new OverdrachtRequest(
                f.Required("bronBrin", BrinVeld),
                f.Optional("bronRouteringsKenmerk", Rk),
                f.Required("doelBrin", BrinVeld),
                f.Required("doelRouteringsKenmerk", Rk),
                SessieSleutel(f),
                f.Required("overdrachtsoort", Soort)),
            (OsoOperation.Overdracht, true) => f.Has("resultaat")
                ? new OverdrachtResponse.Geweigerd(Weigering(f))
                : new OverdrachtResponse.Toegekend(f.Required("sessieId", Sessie), Aanleverpunten(f)),
            (OsoOperation.Document, false) => new DocumentRequest(
                Routering(f),
                f.Required("sessieId", Sessie),
                f.Required("overdrachtsoort", Soort),
                DocumentSleutel(f),
                f.Optional("aanvraagdatum", DatumVeld)),
            (OsoOperation.Document, true) => DocumentAntwoord(f),
            (OsoOperation.Sessiecontrole, false) => new SessiecontroleRequest(
                Routering(f),
                SessieSleutel(f),
                f.Required("overdrachtsoort", Soort),
                f.Required("sessieId", Sessie)),
            (OsoOperation.Sessiecontrole, true) => f.Has("resultaat")
                ? new SessiecontroleResponse.Ongeldig(Weigering(f))
                : new SessiecontroleResponse.Geldig(
                    f.Required("sector", Sector),
                    f.Required("doelBrin", BrinVeld),
                    f.Required("doelRouteringsKenmerk", Rk),
                    f.Required("doelSysteem", Systeem)),
            (OsoOperation.Afmelding, false) => new AfmeldingRequest(
                Routering(f),
                f.Required("sessieId", Sessie),
                Uitkomst(f)),
            (OsoOperation.Afmelding, true) => new AfmeldingResponse(f.Required("resultaat", Resultaat)),
            (OsoOperation.MeldenNotificatie, false) => MeldenNotificatie(f),
            (OsoOperation.MeldenNotificatie, true) => f.Has("resultaat")
                ? new MeldenNotificatieResponse.Geweigerd(Weigering(f))
                : new MeldenNotificatieResponse.Toegekend(
                    f.Required("url", Url),
                    f.Optional("koppelsleutel", Koppel)),
            (OsoOperation.Notificatie, false) => Notificatie(f),
            (OsoOperation.Notificatie, true) => new NotificatieResponse(f.Required("resultaat", Resultaat)),
            (OsoOperation.MeldenTerugkoppeling, false) => new MeldenTerugkoppelingRequest(
                Routering(f), f.Required("koppelsleutel", Koppel)),
            (OsoOperation.MeldenTerugkoppeling, true) => f.Has("resultaat")
                ? new MeldenTerugkoppelingResponse.Geweigerd(Weigering(f))
                : new MeldenTerugkoppelingResponse.Toegekend(f.Required("url", Url)),
            (OsoOperation.Terugkoppeling, false) => new TerugkoppelingRequest(
                Routering(f),
                f.Required("koppelsleutel", Koppel),
                Document(f, "terugkoppeling")),
            (OsoOperation.Terugkoppeling, true) => new TerugkoppelingResponse(f.Required("resultaat", Resultaat)),
            (OsoOperation.OverzichtAanleverpunt, false) => new OverzichtAanleverpuntRequest(
                f.Optional("brin", BrinVeld),
                f.Optional("doel", DoelVeld),
                f.Optional("routeringsKenmerk", Rk)),
            (OsoOperation.OverzichtAanleverpunt, true) => new OverzichtAanleverpuntResponse(Aanleverpunten(f)),
            _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, null),
        };
        f.EnsureAllTaken();
        return message;
    }

    private static Routering Routering(FieldSet f) => new(
        f.Required("bronBrin", BrinVeld),
        f.Required("bronRouteringsKenmerk", Rk),
        f.Required("doelBrin", BrinVeld),
        f.Required("doelRouteringsKenmerk", Rk));

    private static SessieSleutel SessieSleutel(FieldSet f)
    {
        f.Ignore("pgnfrag"); // accepted (public sample) but never used or sent: it is part of a PGN
        return (f.Has("zoeksleutel"), f.Has("koppelsleutel")) switch
        {
            (true, false) => new SessieSleutel.Zoek(f.Required("zoeksleutel", Zoek)),
            (false, true) => new SessieSleutel.Koppel(f.Required("koppelsleutel", Koppel)),
            _ => throw f.FailHere(SoapFoutcodes.ElementOntbreekt, $"'{f.Element}' bevat precies één van 'zoeksleutel' en 'koppelsleutel'."),
        };
    }

    private static DocumentSleutel DocumentSleutel(FieldSet f) => (f.Has("pgn"), f.Has("koppelsleutel")) switch
    {
        (true, false) => new DocumentSleutel.Leerling(
            f.Required("pgn", PgnVeld),
            f.Required("zoeksleutelGeheim", Geheim)),
        (false, true) => new DocumentSleutel.Koppel(f.Required("koppelsleutel", Koppel)),
        _ => throw f.FailHere(SoapFoutcodes.ElementOntbreekt, "'documentRequest' bevat precies één van 'pgn' (met 'zoeksleutelGeheim') en 'koppelsleutel'."),
    };

    private static DocumentResponse DocumentAntwoord(FieldSet f) => (f.Document is not null, f.Has("resultaat")) switch
    {
        (true, false) => new DocumentResponse.Geleverd(Document(f, "dossier", "dossiers"), f.TakeHandtekening()),
        (false, true) => new DocumentResponse.NietGeleverd(Weigering(f)),
        _ => throw f.FailHere(SoapFoutcodes.ElementOntbreekt, "'documentResponse' bevat precies één van een dossier en 'resultaat'."),
    };

    private static MeldenNotificatieRequest MeldenNotificatie(FieldSet f)
    {
        var routering = Routering(f);
        var doel = f.Required("doel", DoelVeld);
        return doel == Uitwisseldoel.Ov
            ? new MeldenNotificatieRequest(routering, Aanvraag(f))
            : new MeldenNotificatieRequest(routering, null);
    }

    private static NotificatieRequest Notificatie(FieldSet f)
    {
        var routering = Routering(f);
        var doel = f.Required("doel", DoelVeld);
        return doel == Uitwisseldoel.Ov
            ? new NotificatieRequest.Overstap(routering, Aanvraag(f))
            : new NotificatieRequest.Swv(routering, f.Required("koppelsleutel", Koppel));
    }

    private static OverstapAanvraag Aanvraag(FieldSet f) => new(
        f.Required("sessieId", Sessie),
        f.Required("aanvraagdatum", DatumVeld));

    private static ResultaatCode Weigering(FieldSet f)
    {
        var code = f.Required("resultaat", Resultaat);
        return code.Info().IsWeigering
            ? code
            : throw f.FailHere(SoapFoutcodes.OngeldigeWaarde, $"Het resultaat {code} past niet in '{f.Element}'.");
    }

    private static ResultaatCode Uitkomst(FieldSet f)
    {
        var code = f.Required("resultaat", Resultaat);
        return !code.Info().IsBevestiging
            ? code
            : throw f.FailHere(SoapFoutcodes.OngeldigeWaarde, $"Het resultaat {code} is een bevestiging, geen uitkomst van een opvraging.");
    }

    private static IReadOnlyList<Aanleverpunt> Aanleverpunten(FieldSet f) =>
        f.TakeAanleverpunten().Select(e =>
        {
            var ap = new Aanleverpunt(
                e.Required("routeringsKenmerk", Rk),
                e.Required("url", Url),
                e.Optional("systeem", Systeem));
            e.EnsureAllTaken();
            return ap;
        }).ToArray();

    private static GegevenssetXml Document(FieldSet f, params string[] roots)
    {
        var d = f.TakeDocument() ?? throw f.FailHere(SoapFoutcodes.ElementOntbreekt,
            $"'{f.Element}' mist het gegevenssetdocument ({string.Join(" of ", roots)}).");
        return roots.Contains(d.Xml.RootName)
            ? d.Xml
            : throw ReadContext.FailAt(d.Line, d.Column, SoapFoutcodes.OnbekendElement,
                $"'{f.Element}' verwacht {string.Join(" of ", roots)}, niet '{ReadContext.Naam(d.Xml.RootName)}'.");
    }
}
