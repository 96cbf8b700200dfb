using System.Text;
using System.Xml;
using Oso.Protocol.Messages;
using Oso.Protocol.Results;
using static Oso.Protocol.Soap.WireValues;
using Oso.Dossier.Identifiers;

namespace Oso.Protocol.Soap;

/// <summary>Writes the body element of each message, fields in the order of the public samples (see docs/protocol.md).</summary>
internal sealed class MessageEncoder(XmlWriter w, SoapLimits limits)
{
    public const string Prefix = "ns1";

    public async Task WriteAsync(OsoMessage message)
    {
        await w.WriteStartElementAsync(Prefix, message.ElementName, OsoNamespaces.Overstapservice);
        switch (message)
        {
            case OverdrachtRequest m:
                await Field("bronBrin", m.BronBrin.Value);
                if (m.BronRouteringsKenmerk is { } bronRk) await Field("bronRouteringsKenmerk", bronRk.Value);
                await Field("doelBrin", m.DoelBrin.Value);
                await Field("doelRouteringsKenmerk", m.DoelRouteringsKenmerk.Value);
                await Sleutel(m.Sleutel);
                await Field("overdrachtsoort", Overdrachtsoort(m.Overdrachtsoort));
                break;
            case OverdrachtResponse.Toegekend m:
                await Field("sessieId", m.SessieId.ToString());
                foreach (var ap in m.Aanleverpunten) await Aanleverpunt(ap);
                break;
            case OverdrachtResponse.Geweigerd m:
                await Resultaat(m.Resultaat);
                break;
            case DocumentRequest m:
                await Routering(m.Routering);
                await Field("sessieId", m.SessieId.ToString());
                await Field("overdrachtsoort", Overdrachtsoort(m.Overdrachtsoort));
                switch (m.Sleutel)
                {
                    case DocumentSleutel.Leerling l:
                        await Field("pgn", l.Pgn.Value);
                        await Field("zoeksleutelGeheim", l.Geheim.ToBase64());
                        break;
                    case DocumentSleutel.Koppel k:
                        await Field("koppelsleutel", k.Koppelsleutel.ToString());
                        break;
                }
                if (m.Aanvraagdatum is { } datum) await Field("aanvraagdatum", Datum(datum));
                break;
            case DocumentResponse.Geleverd m:
                await Embed(m.Dossier);
                if (m.Handtekening is { } handtekening)
                {
                    await w.WriteStartElementAsync(Prefix, "dossierHandtekening", OsoNamespaces.Overstapservice);
                    await Copy(handtekening.Utf8, Proofs.Handtekening.Settings, "handtekening");
                    await w.WriteEndElementAsync();
                }
                break;
            case DocumentResponse.NietGeleverd m:
                await Resultaat(m.Resultaat);
                break;
            case SessiecontroleRequest m:
                await Routering(m.Routering);
                await Sleutel(m.Sleutel);
                await Field("overdrachtsoort", Overdrachtsoort(m.Overdrachtsoort));
                await Field("sessieId", m.SessieId.ToString());
                break;
            case SessiecontroleResponse.Geldig m:
                await Field("sector", m.Sector);
                await Field("doelBrin", m.DoelBrin.Value);
                await Field("doelRouteringsKenmerk", m.DoelRouteringsKenmerk.Value);
                await Field("doelSysteem", m.DoelSysteem.Value);
                break;
            case SessiecontroleResponse.Ongeldig m:
                await Resultaat(m.Resultaat);
                break;
            case AfmeldingRequest m:
                await Routering(m.Routering);
                await Field("sessieId", m.SessieId.ToString());
                await Resultaat(m.Resultaat);
                break;
            case AfmeldingResponse m:
                await Resultaat(m.Resultaat);
                break;
            case MeldenNotificatieRequest m:
                await Routering(m.Routering);
                if (m.Overstap is { } aanvraag) await Aanvraag(aanvraag);
                await Field("doel", Doel(m.Doel));
                break;
            case MeldenNotificatieResponse.Toegekend m:
                await Field("url", m.Url.AbsoluteUri);
                if (m.Koppelsleutel is { } koppel) await Field("koppelsleutel", koppel.ToString());
                break;
            case MeldenNotificatieResponse.Geweigerd m:
                await Resultaat(m.Resultaat);
                break;
            case NotificatieRequest.Overstap m:
                await Routering(m.Routering);
                await Aanvraag(m.Aanvraag);
                await Field("doel", Doel(m.Doel));
                break;
            case NotificatieRequest.Swv m:
                await Routering(m.Routering);
                await Field("koppelsleutel", m.Koppelsleutel.ToString());
                await Field("doel", Doel(m.Doel));
                break;
            case NotificatieResponse m:
                await Resultaat(m.Resultaat);
                break;
            case MeldenTerugkoppelingRequest m:
                await Routering(m.Routering);
                await Field("koppelsleutel", m.Koppelsleutel.ToString());
                break;
            case MeldenTerugkoppelingResponse.Toegekend m:
                await Field("url", m.Url.AbsoluteUri);
                break;
            case MeldenTerugkoppelingResponse.Geweigerd m:
                await Resultaat(m.Resultaat);
                break;
            case TerugkoppelingRequest m:
                await Routering(m.Routering);
                await Field("koppelsleutel", m.Koppelsleutel.ToString());
                await Embed(m.Terugkoppeling);
                break;
            case TerugkoppelingResponse m:
                await Resultaat(m.Resultaat);
                break;
            case OverzichtAanleverpuntRequest m:
                if (m.Brin is { } brin) await Field("brin", brin.Value);
                if (m.Doel is { } doel) await Field("doel", Doel(doel));
                if (m.RouteringsKenmerk is { } rk) await Field("routeringsKenmerk", rk.Value);
                break;
            case OverzichtAanleverpuntResponse m:
                foreach (var ap in m.Aanleverpunten) await Aanleverpunt(ap);
                break;
            default:
                throw new ArgumentException($"Onbekend berichttype {message.GetType().Name}.", nameof(message));
        }
        await w.WriteEndElementAsync();
    }

    private Task Field(string name, string value) => w.WriteElementStringAsync(Prefix, name, OsoNamespaces.Overstapservice, value);

    private async Task Routering(Routering r)
    {
        await Field("bronBrin", r.BronBrin.Value);
        await Field("bronRouteringsKenmerk", r.BronRouteringsKenmerk.Value);
        await Field("doelBrin", r.DoelBrin.Value);
        await Field("doelRouteringsKenmerk", r.DoelRouteringsKenmerk.Value);
    }

    // As in the public sessiecontrole sample, the zoeksleutel sits in zoeksleutelPgnfrag; we never send a pgnfrag.
    private async Task Sleutel(SessieSleutel sleutel)
    {
        switch (sleutel)
        {
            case SessieSleutel.Zoek z:
                await w.WriteStartElementAsync(Prefix, "zoeksleutelPgnfrag", OsoNamespaces.Overstapservice);
                await Field("zoeksleutel", z.Zoeksleutel.ToBase64());
                await w.WriteEndElementAsync();
                break;
            case SessieSleutel.Koppel k:
                await Field("koppelsleutel", k.Koppelsleutel.ToString());
                break;
        }
    }

    private async Task Aanvraag(OverstapAanvraag aanvraag)
    {
        await Field("sessieId", aanvraag.SessieId.ToString());
        await Field("aanvraagdatum", Datum(aanvraag.Aanvraagdatum));
    }

    private Task Resultaat(ResultaatCode code) => Field("resultaat", code.Info().Waarde);

    private async Task Aanleverpunt(Aanleverpunt ap)
    {
        await w.WriteStartElementAsync(Prefix, "aanleverpunt", OsoNamespaces.Overstapservice);
        await Field("routeringsKenmerk", ap.RouteringsKenmerk.Value);
        await Field("url", ap.Url.AbsoluteUri);
        if (ap.Systeem is { } systeem) await Field("systeem", systeem.Value);
        await w.WriteEndElementAsync();
    }

    /// <summary>
    /// Writes the gegevensset bytes in as they are, after one synchronous pass that checks them (well-formed, hardened
    /// reader, within the limits); malformed bytes are a bug of the caller. Copying node by node through the async
    /// writer cost more than the rest of the message together (ADR 0010).
    /// </summary>
    private Task Embed(GegevenssetXml xml) => Copy(xml.Utf8, GegevenssetXml.HardenedSettings, xml.RootName + "-document");

    private async Task Copy(ReadOnlyMemory<byte> utf8, XmlReaderSettings hardened, string wat)
    {
        try
        {
            using (var reader = XmlReader.Create(new Oso.Dossier.Xml.ReadOnlyMemoryStream(utf8), hardened))
            {
                var ctx = new ReadContext(reader, limits);
                reader.MoveToContent();
                ctx.SkipElement();
                while (reader.Read())
                {
                    // to the end: a second root element or trailing text is malformed and the parser says so
                }
            }
        }
        catch (Exception e) when (e is XmlException or SoapReadException)
        {
            // no inner exception: its message could quote dossier content
            throw new InvalidOperationException($"Het meegegeven {wat} kan niet worden ingevoegd: het is geen welgevormde XML binnen de grenzen.");
        }
        var decoder = Encoding.UTF8.GetDecoder();
        var chars = System.Buffers.ArrayPool<char>.Shared.Rent(16 * 1024);
        try
        {
            for (var offset = 0; offset < utf8.Length;)
            {
                var take = Math.Min(chars.Length, utf8.Length - offset);
                decoder.Convert(utf8.Span.Slice(offset, take), chars, offset + take == utf8.Length, out var used, out var written, out _);
                offset += used;
                await w.WriteRawAsync(chars, 0, written);
            }
        }
        finally
        {
            System.Buffers.ArrayPool<char>.Shared.Return(chars);
        }
    }
}
