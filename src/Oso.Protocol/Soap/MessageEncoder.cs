using System.Xml;
using Oso.Protocol.Messages;
using Oso.Protocol.Results;
using static Oso.Protocol.Soap.WireValues;
using Oso.Dossier.Identifiers;

namespace Oso.Protocol.Soap;

/// <summary>Writes the body element of each message, fields in the order of the public samples (see docs/protocol.md).</summary>
internal sealed class MessageEncoder(XmlWriter w, SoapBuffer output, SoapLimits limits)
{
    public const string Prefix = "ns1";

    public void Write(OsoMessage message)
    {
        w.WriteStartElement(Prefix, message.ElementName, OsoNamespaces.Overstapservice);
        switch (message)
        {
            case OverdrachtRequest m:
                Field("bronBrin", m.BronBrin.Value);
                if (m.BronRouteringsKenmerk is { } bronRk) Field("bronRouteringsKenmerk", bronRk.Value);
                Field("doelBrin", m.DoelBrin.Value);
                Field("doelRouteringsKenmerk", m.DoelRouteringsKenmerk.Value);
                Sleutel(m.Sleutel);
                Field("overdrachtsoort", Overdrachtsoort(m.Overdrachtsoort));
                break;
            case OverdrachtResponse.Toegekend m:
                Field("sessieId", m.SessieId.ToString());
                foreach (var ap in m.Aanleverpunten) Aanleverpunt(ap);
                break;
            case OverdrachtResponse.Geweigerd m:
                Resultaat(m.Resultaat);
                break;
            case DocumentRequest m:
                Routering(m.Routering);
                Field("sessieId", m.SessieId.ToString());
                Field("overdrachtsoort", Overdrachtsoort(m.Overdrachtsoort));
                switch (m.Sleutel)
                {
                    case DocumentSleutel.Leerling l:
                        Field("pgn", l.Pgn.Value);
                        Field("zoeksleutelGeheim", l.Geheim.ToBase64());
                        break;
                    case DocumentSleutel.Koppel k:
                        Field("koppelsleutel", k.Koppelsleutel.ToString());
                        break;
                }
                if (m.Aanvraagdatum is { } datum) Field("aanvraagdatum", Datum(datum));
                break;
            case DocumentResponse.Geleverd m:
                Embed(m.Dossier);
                if (m.Handtekening is { } handtekening)
                {
                    w.WriteStartElement(Prefix, "dossierHandtekening", OsoNamespaces.Overstapservice);
                    Copy(handtekening.Utf8, Proofs.Handtekening.Settings, "handtekening");
                    w.WriteEndElement();
                }
                break;
            case DocumentResponse.NietGeleverd m:
                Resultaat(m.Resultaat);
                break;
            case SessiecontroleRequest m:
                Routering(m.Routering);
                Sleutel(m.Sleutel);
                Field("overdrachtsoort", Overdrachtsoort(m.Overdrachtsoort));
                Field("sessieId", m.SessieId.ToString());
                break;
            case SessiecontroleResponse.Geldig m:
                Field("sector", m.Sector);
                Field("doelBrin", m.DoelBrin.Value);
                Field("doelRouteringsKenmerk", m.DoelRouteringsKenmerk.Value);
                Field("doelSysteem", m.DoelSysteem.Value);
                break;
            case SessiecontroleResponse.Ongeldig m:
                Resultaat(m.Resultaat);
                break;
            case AfmeldingRequest m:
                Routering(m.Routering);
                Field("sessieId", m.SessieId.ToString());
                Resultaat(m.Resultaat);
                break;
            case AfmeldingResponse m:
                Resultaat(m.Resultaat);
                break;
            case MeldenNotificatieRequest m:
                Routering(m.Routering);
                if (m.Overstap is { } aanvraag) Aanvraag(aanvraag);
                Field("doel", Doel(m.Doel));
                break;
            case MeldenNotificatieResponse.Toegekend m:
                Field("url", m.Url.AbsoluteUri);
                if (m.Koppelsleutel is { } koppel) Field("koppelsleutel", koppel.ToString());
                break;
            case MeldenNotificatieResponse.Geweigerd m:
                Resultaat(m.Resultaat);
                break;
            case NotificatieRequest.Overstap m:
                Routering(m.Routering);
                Aanvraag(m.Aanvraag);
                Field("doel", Doel(m.Doel));
                break;
            case NotificatieRequest.Swv m:
                Routering(m.Routering);
                Field("koppelsleutel", m.Koppelsleutel.ToString());
                Field("doel", Doel(m.Doel));
                break;
            case NotificatieResponse m:
                Resultaat(m.Resultaat);
                break;
            case MeldenTerugkoppelingRequest m:
                Routering(m.Routering);
                Field("koppelsleutel", m.Koppelsleutel.ToString());
                break;
            case MeldenTerugkoppelingResponse.Toegekend m:
                Field("url", m.Url.AbsoluteUri);
                break;
            case MeldenTerugkoppelingResponse.Geweigerd m:
                Resultaat(m.Resultaat);
                break;
            case TerugkoppelingRequest m:
                Routering(m.Routering);
                Field("koppelsleutel", m.Koppelsleutel.ToString());
                Embed(m.Terugkoppeling);
                break;
            case TerugkoppelingResponse m:
                Resultaat(m.Resultaat);
                break;
            case OverzichtAanleverpuntRequest m:
                if (m.Brin is { } brin) Field("brin", brin.Value);
                if (m.Doel is { } doel) Field("doel", Doel(doel));
                if (m.RouteringsKenmerk is { } rk) Field("routeringsKenmerk", rk.Value);
                break;
            case OverzichtAanleverpuntResponse m:
                foreach (var ap in m.Aanleverpunten) Aanleverpunt(ap);
                break;
            default:
                throw new ArgumentException($"Onbekend berichttype {message.GetType().Name}.", nameof(message));
        }
        w.WriteEndElement();
    }

    private void Field(string name, string value) => w.WriteElementString(Prefix, name, OsoNamespaces.Overstapservice, value);

    private void Routering(Routering r)
    {
        Field("bronBrin", r.BronBrin.Value);
        Field("bronRouteringsKenmerk", r.BronRouteringsKenmerk.Value);
        Field("doelBrin", r.DoelBrin.Value);
        Field("doelRouteringsKenmerk", r.DoelRouteringsKenmerk.Value);
    }

    // As in the public sessiecontrole sample, the zoeksleutel sits in zoeksleutelPgnfrag; we never send a pgnfrag.
    private void Sleutel(SessieSleutel sleutel)
    {
        switch (sleutel)
        {
            case SessieSleutel.Zoek z:
                w.WriteStartElement(Prefix, "zoeksleutelPgnfrag", OsoNamespaces.Overstapservice);
                Field("zoeksleutel", z.Zoeksleutel.ToBase64());
                w.WriteEndElement();
                break;
            case SessieSleutel.Koppel k:
                Field("koppelsleutel", k.Koppelsleutel.ToString());
                break;
        }
    }

    private void Aanvraag(OverstapAanvraag aanvraag)
    {
        Field("sessieId", aanvraag.SessieId.ToString());
        Field("aanvraagdatum", Datum(aanvraag.Aanvraagdatum));
    }

    private void Resultaat(ResultaatCode code) => Field("resultaat", code.Info().Waarde);

    private void Aanleverpunt(Aanleverpunt ap)
    {
        w.WriteStartElement(Prefix, "aanleverpunt", OsoNamespaces.Overstapservice);
        Field("routeringsKenmerk", ap.RouteringsKenmerk.Value);
        Field("url", ap.Url.AbsoluteUri);
        if (ap.Systeem is { } systeem) Field("systeem", systeem.Value);
        w.WriteEndElement();
    }

    /// <summary>
    /// Writes the gegevensset bytes in as they are, after one synchronous pass that checks them (well-formed, hardened
    /// reader, within the limits); malformed bytes are a bug of the caller. Copying node by node through the async
    /// writer cost more than the rest of the message together (ADR 0010); the bytes are not copied into the message
    /// buffer either, only referenced (<see cref="SoapBuffer.Append(ReadOnlyMemory{byte})"/>). A spooled document is
    /// checked streaming from its spool file and read from it again while the message is sent (ADR 0014 phase 3).
    /// </summary>
    private void Embed(GegevenssetXml xml)
    {
        var wat = xml.RootName + "-document";
        if (!xml.Spooled)
        {
            Copy(xml.Utf8, GegevenssetXml.HardenedSettings, wat);
            return;
        }
        Check(xml.OpenRead(), GegevenssetXml.HardenedSettings, wat);
        w.WriteRaw(string.Empty);
        w.Flush();
        output.Append(xml);
    }

    private void Copy(ReadOnlyMemory<byte> utf8, XmlReaderSettings hardened, string wat)
    {
        Check(new Oso.Dossier.Xml.ReadOnlyMemoryStream(utf8), hardened, wat);
        // The bytes go out as they are, without a copy: the writer closes the open start tag and hands over what it
        // holds, and the buffer keeps a reference to the caller's bytes in their place.
        w.WriteRaw(string.Empty);
        w.Flush();
        output.Append(utf8);
    }

    // the synchronous pass over the whole document (the stream is closed by the reader)
    private void Check(Stream bytes, XmlReaderSettings hardened, string wat)
    {
        try
        {
            using var reader = XmlReader.Create(bytes, hardened);
            var ctx = new ReadContext(reader, limits);
            reader.MoveToContent();
            ctx.SkipElement();
            while (reader.Read())
            {
                // to the end: a second root element or trailing text is malformed and the parser says so
            }
        }
        catch (Exception e) when (e is XmlException or SoapReadException)
        {
            // no inner exception: its message could quote dossier content
            throw new InvalidOperationException($"Het meegegeven {wat} kan niet worden ingevoegd: het is geen welgevormde XML binnen de grenzen.");
        }
    }
}
