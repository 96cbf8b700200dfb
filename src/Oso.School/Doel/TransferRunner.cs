using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Oso.Dossier;
using Oso.Dossier.Identifiers;
using Oso.Dossier.Validation;
using Oso.Hosting.Telemetry;
using Oso.Protocol.Client;
using Oso.Protocol.Identifiers;
using Oso.Protocol.Messages;
using Oso.Protocol.Proofs;
using Oso.Protocol.Results;
using Oso.School.Audit;
using Oso.School.Crypto;
using Oso.School.LasApi;
using Oso.School.Mail;
using Oso.School.Outbox;
using Oso.School.Protocol;
using Oso.School.Staff;
using Oso.School.Storage;
using static Oso.School.Crypto.ProtectedDossiers;

namespace Oso.School.Doel;

/// <summary>
/// Runs a request for a dossier as doel: a session at the Traffic Center, a documentRequest to each aanleverpunt of the
/// bron school, validation and storage of what arrives, and the afmelding with the beste resultaat. Every step is saved
/// before the next, so a restart resumes where it stopped; each step is written to the request's trace.
/// </summary>
public sealed class TransferRunner(SchoolStore store, ProtectedDossiers crypto, PupilDataProtector protector, AuditLog audit, OutboxQueue outbox, NodeConnections connections,
    DossierValidator validator, TimeProvider time, OsoMetrics metrics) : IOutboxHandler
{
    /// <summary>The outbox kind.</summary>
    public const string Kind = "overdracht.uitvoeren";

    /// <summary>The outbox payload.</summary>
    /// <param name="RequestId">The request.</param>
    public sealed record Payload(Guid RequestId);

    /// <summary>A bron aanleverpunt of the session, with the system the Traffic Center named for it (which must sign the dossier).</summary>
    private sealed record Punt(string Rk, Uri Url, string? Systeem = null);

    string IOutboxHandler.Kind => Kind;

    /// <inheritdoc />
    public async Task<OutboxOutcome> HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var id = JsonSerializer.Deserialize<Payload>(message.Payload)!.RequestId;
        TransferRequest? request;
        Aanmelding? aanmelding;
        string? doelRk;
        await using (var db = store.Read())
        {
            request = await db.TransferRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken).ConfigureAwait(false);
            if (request is null) return OutboxOutcome.GiveUp("De aanvraag bestaat niet meer.");
            if (request.Status is TransferStatus.Klaar or TransferStatus.Mislukt) return OutboxOutcome.Done;
            aanmelding = await db.Aanmeldingen.AsNoTracking().FirstAsync(a => a.Id == request.AanmeldingId, cancellationToken).ConfigureAwait(false);
            doelRk = await db.Aanleverpunten.Where(a => a.Brin == request.Brin && a.Active && a.Doel == "OV").Select(a => a.RouteringsKenmerk)
                .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        }
        var trace = TraceStep.Parse(request.Trace);
        if (doelRk is null)
            return await FinishAsync(request, trace, ResultaatCode.TechnischeFout,
                new TraceStep(time.GetUtcNow(), "Aanvraag", "Doelschool " + request.Brin, null,
                    "Deze school heeft op deze node geen actief aanleverpunt (OV). Actie voor de beheerder: registreer er een.", null, false), cancellationToken).ConfigureAwait(false);

        var identity = crypto.Json<PupilIdentity>(request.Brin, aanmelding.Identity, Contexts.AanmeldingIdentity(aanmelding.Id));
        var pgn = Pgn.Parse(identity.Pgn!);
        var doelBrin = Brin.Parse(request.Brin);
        var bronBrin = Brin.Parse(aanmelding.BronBrin);
        var soort = OverdrachtsoortNames.TryParse(aanmelding.Overdrachtsoort, out var parsed) ? parsed : Overdrachtsoort.Overstapdossier;
        var geheim = request.Geheim is not null && ZoeksleutelGeheim.TryParse(crypto.Json<string>(request.Brin, request.Geheim, Contexts.Geheim(request.Id)), out var g)
            ? g : (ZoeksleutelGeheim?)null;

        // 1. the session
        List<Punt> punten;
        if (request.SessieId is null)
        {
            if (geheim is null)
            {
                // a request queued before the key was drawn at queue time: draw it and keep it before asking, so a
                // retry after a crash asks with the same zoeksleutel and gets the same session (Overdracht.DezelfdeSessieAsync)
                geheim = ZoeksleutelGeheim.Nieuw();
                var kept = crypto.ProtectJson(request.Brin, geheim.Value.ToBase64(), Contexts.Geheim(request.Id));
                await SaveAsync(request.Id, r => r.Geheim = kept, cancellationToken).ConfigureAwait(false);
            }
            var overdracht = new OverdrachtRequest(bronBrin, null, doelBrin, RouteringsKenmerk.Parse(doelRk),
                new SessieSleutel.Zoek(Zoeksleutel.Bereken(pgn, geheim.Value)), soort);
            var started = time.GetTimestamp();
            var answer = await connections.Client.SendAsync(connections.TrafficCenter, overdracht, cancellationToken).ConfigureAwait(false);
            metrics.Step("overdracht", answer switch
            {
                OsoCallResult<OverdrachtResponse>.Success { Response: OverdrachtResponse.Geweigerd geweigerd } => geweigerd.Resultaat.ToString(),
                OsoCallResult<OverdrachtResponse>.Success => "Toegekend",
                _ => "Onbereikbaar",
            }, time.GetElapsedTime(started));
            switch (answer)
            {
                case OsoCallResult<OverdrachtResponse>.Success { Response: OverdrachtResponse.Toegekend toegekend }:
                    punten = toegekend.Aanleverpunten.Select(a => new Punt(a.RouteringsKenmerk.Value, a.Url, a.Systeem?.Value)).ToList();
                    trace.Add(new TraceStep(time.GetUtcNow(), "Sessie bij het Traffic Center", "Traffic Center", null,
                        $"Sessie {toegekend.SessieId} toegekend; de bronschool heeft {punten.Count} actief aanleverpunt(en).", null, true));
                    await SaveAsync(request.Id, r =>
                    {
                        r.Status = TransferStatus.Bezig;
                        r.SessieId = toegekend.SessieId.Value;
                        r.Aanleverpunten = JsonSerializer.Serialize(punten);
                        r.Trace = TraceStep.Write(trace);
                    }, cancellationToken).ConfigureAwait(false);
                    request.SessieId = toegekend.SessieId.Value;
                    break;
                case OsoCallResult<OverdrachtResponse>.Success { Response: OverdrachtResponse.Geweigerd geweigerd }:
                    return await FinishAsync(request, trace, geweigerd.Resultaat,
                        TraceStep.For(time.GetUtcNow(), "Sessie bij het Traffic Center", "Traffic Center", geweigerd.Resultaat), cancellationToken).ConfigureAwait(false);
                case OsoCallResult<OverdrachtResponse>.Failure failure:
                    await AddStepAsync(request.Id, trace, new TraceStep(time.GetUtcNow(), "Sessie bij het Traffic Center", "Traffic Center", null,
                        "Het Traffic Center is niet bereikt (" + failure.Fout.Omschrijving + "); het wordt later opnieuw geprobeerd.", null, false), cancellationToken).ConfigureAwait(false);
                    return OutboxOutcome.RetryLater("Traffic Center: " + failure.Fout.Soort);
                default:
                    return OutboxOutcome.RetryLater("Onverwacht antwoord van het Traffic Center");
            }
        }
        else
        {
            punten = JsonSerializer.Deserialize<List<Punt>>(request.Aanleverpunten ?? "[]") ?? [];
        }
        var sessie = SessieId.From(request.SessieId!.Value);
        var sleutel = geheim ?? ZoeksleutelGeheim.Nieuw(); // a new key only when the kept one is unreadable: the bron then refuses (SessieAfwijkend)

        // 2. each aanleverpunt of the bron school (skipping those already asked before a restart)
        foreach (var punt in punten)
        {
            if (trace.Any(s => s.Stap == "Dossier opvragen" && s.Aanleverpunt == punt.Rk)) continue;
            var routing = new Routering(bronBrin, RouteringsKenmerk.Parse(punt.Rk), doelBrin, RouteringsKenmerk.Parse(doelRk));
            var document = new DocumentRequest(routing, sessie, soort, new DocumentSleutel.Leerling(pgn, sleutel), request.Aanvraagdatum);
            var partij = $"Bronschool {bronBrin} (aanleverpunt {punt.Rk})";
            var started = time.GetTimestamp();
            var answer = await connections.Client.SendAsync(punt.Url, document, cancellationToken).ConfigureAwait(false);
            // this loop owns a delivered dossier (a large one is in an encrypted spool file, ADR 0014): disposed after
            // this aanleverpunt on every path — stored, refused, cancelled or failed
            using var delivered = (answer as OsoCallResult<DocumentResponse>.Success)?.Response as DocumentResponse.Geleverd;
            metrics.Step("document", answer switch
            {
                OsoCallResult<DocumentResponse>.Success { Response: DocumentResponse.Geleverd } => nameof(ResultaatCode.OverdrachtGeslaagd),
                OsoCallResult<DocumentResponse>.Success { Response: DocumentResponse.NietGeleverd niet } => niet.Resultaat.ToString(),
                _ => nameof(ResultaatCode.TechnischeFout),
            }, time.GetElapsedTime(started));
            switch (answer)
            {
                case OsoCallResult<DocumentResponse>.Success { Response: DocumentResponse.Geleverd geleverd }:
                    // a stored dossier is saved together with its step of the trace: one transaction, nothing to save after
                    if (await ReceiveAsync(request, aanmelding, pgn, punt, geleverd, routing, sessie, partij, trace, cancellationToken).ConfigureAwait(false)) continue;
                    break;
                case OsoCallResult<DocumentResponse>.Success { Response: DocumentResponse.NietGeleverd niet }:
                    trace.Add(TraceStep.For(time.GetUtcNow(), "Dossier opvragen", partij, niet.Resultaat, punt.Rk));
                    break;
                case OsoCallResult<DocumentResponse>.Failure failure:
                    trace.Add(new TraceStep(time.GetUtcNow(), "Dossier opvragen", partij, nameof(ResultaatCode.TechnischeFout),
                        "Het aanleverpunt gaf geen bruikbaar antwoord: " + failure.Fout.Omschrijving + " " + ResultaatCode.TechnischeFout.Info().Toelichting, punt.Rk, false));
                    break;
            }
            await SaveAsync(request.Id, r => r.Trace = TraceStep.Write(trace), cancellationToken).ConfigureAwait(false);
        }

        // 3. afmelding with the beste resultaat (on a tie the last aanleverpunt asked counts)
        var bevragingen = trace.Where(s => s.Stap == "Dossier opvragen" && s.Aanleverpunt is not null && s.Resultaat is not null)
            .Select(s => new Bevraging(RouteringsKenmerk.Parse(s.Aanleverpunt!), Enum.Parse<ResultaatCode>(s.Resultaat!))).ToList();
        var beste = BesteResultaat.Kies(bevragingen);
        var code = beste?.Resultaat ?? ResultaatCode.GeenActiefAanleverpunt;
        var bronRk = beste?.Aanleverpunt ?? (punten.Count > 0 ? RouteringsKenmerk.Parse(punten[0].Rk) : RouteringsKenmerk.Parse(doelRk));
        var afmeldingStarted = time.GetTimestamp();
        var afmelding = await connections.Client.SendAsync(connections.TrafficCenter,
            new AfmeldingRequest(new Routering(bronBrin, bronRk, doelBrin, RouteringsKenmerk.Parse(doelRk)), sessie, code), cancellationToken).ConfigureAwait(false);
        metrics.Step("afmelding", afmelding is OsoCallResult<AfmeldingResponse>.Success done ? done.Response.Resultaat.ToString() : "Onbereikbaar",
            time.GetElapsedTime(afmeldingStarted));
        switch (afmelding)
        {
            case OsoCallResult<AfmeldingResponse>.Success success:
                return await FinishAsync(request, trace, code, new TraceStep(time.GetUtcNow(), "Afmelding", "Traffic Center", success.Response.Resultaat.ToString(),
                    $"Afgemeld met beste resultaat {code}. " + code.Info().Toelichting, null, true), cancellationToken).ConfigureAwait(false);
            case OsoCallResult<AfmeldingResponse>.Failure failure:
                await AddStepAsync(request.Id, trace, new TraceStep(time.GetUtcNow(), "Afmelding", "Traffic Center", null,
                    "Afmelden lukte niet (" + failure.Fout.Omschrijving + "); het wordt later opnieuw geprobeerd.", null, false), cancellationToken).ConfigureAwait(false);
                return OutboxOutcome.RetryLater("Afmelding: " + failure.Fout.Soort);
            default:
                return OutboxOutcome.RetryLater("Onverwacht antwoord op de afmelding");
        }
    }

    /// <summary>
    /// Checks, validates and stores a delivered dossier and adds the step to <paramref name="trace"/>. Returns true when
    /// the trace was saved with the dossier (in its transaction); false when the caller must still save it (refused).
    /// </summary>
    private async Task<bool> ReceiveAsync(TransferRequest request, Aanmelding aanmelding, Pgn pgn, Punt punt, DocumentResponse.Geleverd geleverd,
        Routering routing, SessieId sessie, string partij, List<TraceStep> trace, CancellationToken cancellationToken)
    {
        Handtekeningcontrole.Geldig? geldig;
        // the received bytes as the SOAP reader captured them — in memory, or for a large dossier in an encrypted spool
        // file — read as a stream by each pass, never copied whole (ADR 0014)
        var dossier = geleverd.Dossier;
        byte[] digest;
        ValidationReport report;
        string? received;
        try
        {
            // hashed once while streaming: the digest the signature must cover, the stored DossierSha256 and the receipt's
            digest = dossier.Sha256();

            // the proof first: a dossier whose signature fails is neither stored nor offered for import
            var verwachting = new Verwachting(VerklaringSoort.Verzending, punt.Systeem is { } s ? SysteemId.Parse(s) : null, sessie, routing.BronBrin, routing.DoelBrin);
            var controle = geleverd.Handtekening is null ? null : Bewijzen.ControleerDigest(geleverd.Handtekening, digest, connections.Validator, verwachting);
            if (controle is Handtekeningcontrole.Ongeldig ongeldig)
            {
                trace.Add(await RefuseSignatureAsync(request, aanmelding, punt, ongeldig, partij, cancellationToken).ConfigureAwait(false));
                return false;
            }
            geldig = controle as Handtekeningcontrole.Geldig;

            // with its length: a spooled dossier past the fast reader's 32 MiB is streamed from its first MiB, not buffered to 32 MiB first
            using (var xml = dossier.OpenRead()) report = validator.Validate(xml, dossier.Length, cancellationToken);
            using (var xml = dossier.OpenRead()) received = ReceivedPgn(xml);
        }
        catch (IOException) when (dossier.Spooled)
        {
            // the spool file's chunk failed its check (changed or cut on disk): nothing read from it is trusted or kept
            trace.Add(new TraceStep(time.GetUtcNow(), "Dossier opvragen", partij, nameof(ResultaatCode.TechnischeFout),
                "Het ontvangen dossier kon niet betrouwbaar worden gelezen uit het versleutelde tijdelijke bestand (gewijzigd of ingekort); het is niet opgeslagen. "
                + "Actie voor de school: vraag het dossier opnieuw aan; blijft dit gebeuren, dan de beheerder: controleer de tijdelijke map van de node.", punt.Rk, false));
            return false;
        }
        metrics.CountMeldingen(report.Meldingen, "ontvangen");
        if (received is not null && received != pgn.Value)
        {
            trace.Add(new TraceStep(time.GetUtcNow(), "Dossier opvragen", partij, nameof(ResultaatCode.TechnischeFout),
                "De bronschool stuurde een dossier van een andere leerling; het is niet opgeslagen. Actie voor de bronschool: controleer de koppeling van leerlingen.", punt.Rk, false));
            return false;
        }

        // one stored dossier per request and aanleverpunt, also when a restart repeats this step
        var id = new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(request.Id + "|" + punt.Rk)).AsSpan(0, 16));

        // the signed ontvangstbevestiging for the bron — only to a bron that signed (one of another implementation would not know where to take it)
        var receipt = geldig is null ? null : Bewijzen.Onderteken(new Verklaring(VerklaringSoort.Ontvangst, time.GetUtcNow(), sessie, routing.BronBrin, routing.DoelBrin,
            connections.Systeem, digest), connections.SystemCertificate);
        var toelichting = report.Valid
            ? $"Dossier ontvangen ({dossier.Length / 1024.0:F0} kB) en geldig volgens de officiële standaard."
            : $"Dossier ontvangen ({dossier.Length / 1024.0:F0} kB), maar het heeft {report.Fouten} fout(en) volgens de officiële standaard. Actie voor de bronschool: controleer het dossier.";
        toelichting += geldig is null
            ? " De bronschool heeft het niet ondertekend."
            : $" Ondertekend door systeem {geldig.Verklaring.Systeem} van de bronschool; de handtekening is gecontroleerd.";
        await store.WriteAsync(async db =>
        {
            trace.Add(new TraceStep(time.GetUtcNow(), "Dossier opvragen", partij, nameof(ResultaatCode.OverdrachtGeslaagd), toelichting, punt.Rk, true));
            var row = await db.TransferRequests.FirstAsync(r => r.Id == request.Id, cancellationToken).ConfigureAwait(false);
            row.Trace = TraceStep.Write(trace);
            if (await db.ReceivedDossiers.AnyAsync(d => d.Id == id, cancellationToken).ConfigureAwait(false)) return;
            // the dossier in encrypted chunks of 64 KiB, each inserted and let go (ADR 0014, phase 2): never a second whole copy
            int chunks;
            await using (var xml = dossier.OpenRead())
                chunks = await StoredChunks.WriteAsync(db, protector, request.Brin, StoredChunks.Received, id, xml, cancellationToken).ConfigureAwait(false);
            db.ReceivedDossiers.Add(new ReceivedDossier
            {
                Id = id, Brin = request.Brin, AanmeldingId = aanmelding.Id, RequestId = request.Id, BronBrin = aanmelding.BronBrin,
                XmlChunks = chunks, Valid = report.Valid,
                Meldingen = crypto.ProtectJson(request.Brin, report.Meldingen, Contexts.ReceivedMeldingen(id)), ReceivedAt = time.GetUtcNow(),
                Handtekening = geleverd.Handtekening is { } h ? crypto.ProtectXml(request.Brin, h.Utf8.Span, Contexts.ReceivedHandtekening(id)) : null,
                HandtekeningStatus = geldig is null ? HandtekeningStatus.NietOndertekend : HandtekeningStatus.Geldig,
                Ondertekenaar = geldig?.Verklaring.Systeem.Value, OndertekendOp = geldig?.Verklaring.Tijdstip,
                DossierSha256 = Convert.ToHexStringLower(digest), Ontvangstbevestiging = receipt?.Utf8.ToArray(),
            });
            if (receipt is not null)
                await outbox.EnqueueAsync(db, ReceiptSender.Kind, new ReceiptSender.Payload(id, punt.Url), "ontvangst:" + id, cancellationToken: cancellationToken).ConfigureAwait(false);
            await audit.RecordAsync(db, request.Brin, Actor.Node, "dossier.ontvangen", "Het overstapdossier is ontvangen van de vorige school.",
                aanmelding.Id.ToString(), $"bron={aanmelding.BronBrin};geldig={report.Valid}", cancellationToken).ConfigureAwait(false);
            await outbox.EnqueueAsync(db, Webhooks.Kind, new Webhooks.Payload(id), "webhook:" + id, cancellationToken: cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// The pupil's BSN (or else onderwijsnummer) in a received dossier (dossier/huidigeschool/leerling), read in one
    /// streaming pass that keeps nothing else — reading the whole model held every attachment once more (ADR 0014). Null
    /// when the dossier does not say or cannot be read (the validation report says why).
    /// </summary>
    internal static string? ReceivedPgn(Stream xml)
    {
        var settings = new System.Xml.XmlReaderSettings
        {
            DtdProcessing = System.Xml.DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true, IgnoreProcessingInstructions = true,
            IgnoreWhitespace = true,
        };
        try
        {
            using var reader = System.Xml.XmlReader.Create(xml, settings);
            if (reader.MoveToContent() != System.Xml.XmlNodeType.Element || reader.LocalName != "dossier") return null;
            var ns = reader.NamespaceURI;
            if (!ToChild(reader, "huidigeschool", ns) || !ToChild(reader, "leerling", ns) || reader.IsEmptyElement) return null;
            string? onderwijsnummer = null;
            var depth = reader.Depth;
            reader.Read();
            while (reader.Depth > depth)
            {
                if (reader.NodeType == System.Xml.XmlNodeType.Element && reader.NamespaceURI == ns && reader.LocalName == "bsn")
                    return NullIfEmpty(reader.ReadElementContentAsString());
                if (reader.NodeType == System.Xml.XmlNodeType.Element && reader.NamespaceURI == ns && reader.LocalName == "onderwijsnummer")
                    onderwijsnummer = NullIfEmpty(reader.ReadElementContentAsString());
                else if (reader.NodeType == System.Xml.XmlNodeType.Element) reader.Skip();
                else reader.Read();
            }
            return onderwijsnummer;
        }
        catch (System.Xml.XmlException)
        {
            return null;
        }

        static string? NullIfEmpty(string value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

        // from an element's start to its child element named so; false when it has none
        static bool ToChild(System.Xml.XmlReader reader, string name, string ns)
        {
            if (reader.IsEmptyElement) return false;
            var depth = reader.Depth;
            reader.Read();
            while (reader.Depth > depth)
            {
                if (reader.NodeType != System.Xml.XmlNodeType.Element) reader.Read();
                else if (reader.LocalName == name && reader.NamespaceURI == ns) return true;
                else reader.Skip();
            }
            return false;
        }
    }

    /// <summary>
    /// A dossier whose signature fails is refused: not stored, not offered for import; audited, and the trace says who
    /// must act (the bron's supplier: its signature, certificate or system).
    /// </summary>
    private async Task<TraceStep> RefuseSignatureAsync(TransferRequest request, Aanmelding aanmelding, Punt punt, Handtekeningcontrole.Ongeldig ongeldig,
        string partij, CancellationToken cancellationToken)
    {
        await store.WriteAsync(db => audit.RecordAsync(db, request.Brin, Actor.Node, "dossier.geweigerd", "Een ontvangen dossier is geweigerd: de handtekening van de bronschool klopt niet.",
            aanmelding.Id.ToString(), $"bron={aanmelding.BronBrin};aanleverpunt={punt.Rk};handtekening={ongeldig.Fout}", cancellationToken), cancellationToken).ConfigureAwait(false);
        return new TraceStep(time.GetUtcNow(), "Dossier opvragen", partij, nameof(ResultaatCode.TechnischeFout),
            $"Het dossier is niet opgeslagen en niet aangeboden voor import: de handtekening van de bronschool is ongeldig. {ongeldig.Omschrijving} "
            + $"Actie voor de leverancier van de bronschool{(punt.Systeem is { } s ? $" (systeem {s})" : "")}: controleer de ondertekening en het systeemcertificaat; "
            + "de bronschool kan daarna opnieuw laten opvragen.", punt.Rk, false);
    }

    private async Task<OutboxOutcome> FinishAsync(TransferRequest request, List<TraceStep> trace, ResultaatCode code, TraceStep last, CancellationToken cancellationToken)
    {
        trace.Add(last);
        await store.WriteAsync(async db =>
        {
            var row = await db.TransferRequests.FirstAsync(r => r.Id == request.Id, cancellationToken).ConfigureAwait(false);
            row.Status = TransferStatus.Klaar;
            row.Resultaat = code.ToString();
            row.FinishedAt = time.GetUtcNow();
            row.Geheim = null; // the zoeksleutel key is not needed any more
            row.Trace = TraceStep.Write(trace);
            await audit.RecordAsync(db, request.Brin, Actor.Node, "overdracht.afgerond", "De opvraging van het dossier is afgerond.",
                request.AanmeldingId.ToString(), "resultaat=" + code, cancellationToken).ConfigureAwait(false);
            await Webhooks.EnqueueRequestFinishedAsync(db, outbox, row, cancellationToken).ConfigureAwait(false);
            await StaffNotices.QueueAsync(db, outbox, row.Brin, StaffMailEvents.Ontvangen, row.Id, cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        metrics.TransferFinished("doel", code.ToString(), time.GetUtcNow() - request.CreatedAt);
        return OutboxOutcome.Done;
    }

    /// <summary>
    /// The outbox gave up on this request (the Traffic Center or the bron stayed unreachable, or the node kept failing):
    /// it ends <see cref="TransferStatus.Mislukt"/> with a last step that says what failed and who must act, and its key
    /// is removed. Saved in the transaction that marks the outbox message failed.
    /// </summary>
    public async Task OnGivenUpAsync(SchoolDbContext db, OutboxMessage message, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(message);
        var id = JsonSerializer.Deserialize<Payload>(message.Payload)!.RequestId;
        var row = await db.TransferRequests.FirstOrDefaultAsync(r => r.Id == id, cancellationToken).ConfigureAwait(false);
        if (row is null || row.Status is TransferStatus.Klaar or TransferStatus.Mislukt) return;
        var trace = TraceStep.Parse(row.Trace);
        trace.Add(new TraceStep(time.GetUtcNow(), "Afgebroken", "Doelschool " + row.Brin, null, GaveUp(row, trace, message.Attempts, reason), null, false));
        row.Status = TransferStatus.Mislukt;
        row.FinishedAt = time.GetUtcNow();
        row.Geheim = null; // the zoeksleutel key is not needed any more
        row.Trace = TraceStep.Write(trace);
        await audit.RecordAsync(db, row.Brin, Actor.Node, "overdracht.afgerond", "De opvraging van het dossier is mislukt en wordt niet meer automatisch herhaald.",
            row.AanmeldingId.ToString(), "status=" + TransferStatus.Mislukt, cancellationToken).ConfigureAwait(false);
        await Webhooks.EnqueueRequestFinishedAsync(db, outbox, row, cancellationToken).ConfigureAwait(false);
        await StaffNotices.QueueAsync(db, outbox, row.Brin, StaffMailEvents.Ontvangen, row.Id, cancellationToken).ConfigureAwait(false);
        metrics.TransferFinished("doel", TransferStatus.Mislukt, time.GetUtcNow() - row.CreatedAt);
    }

    private static string GaveUp(TransferRequest row, List<TraceStep> trace, int attempts, string reason)
    {
        var punten = JsonSerializer.Deserialize<List<Punt>>(row.Aanleverpunten ?? "[]") ?? [];
        var wat = row.SessieId is null
            ? "Er is geen sessie bij het Traffic Center verkregen, dus er is geen dossier opgevraagd."
            : punten.Any(p => !trace.Any(s => s.Stap == "Dossier opvragen" && s.Aanleverpunt == p.Rk))
                ? "De sessie bij het Traffic Center is verkregen, maar niet elk aanleverpunt van de bronschool is bevraagd; wat wel binnenkwam, staat bij de ontvangen dossiers."
                : "Elk aanleverpunt van de bronschool is bevraagd (zie de stappen hiervoor) en wat binnenkwam, staat bij de ontvangen dossiers, maar de afmelding bij het Traffic Center lukte niet.";
        return $"De opvraging is afgebroken na {attempts} {(attempts == 1 ? "poging" : "pogingen")} (laatste fout: {reason}). {wat} De node probeert het niet meer. "
            + "Actie voor de school: vraag het dossier opnieuw op. "
            + "Actie voor de beheerder (leverancier van de node) als dat ook mislukt: controleer de verbinding met het Traffic Center en met de bronschool, en het logboek van de node.";
    }

    private Task AddStepAsync(Guid id, List<TraceStep> trace, TraceStep step, CancellationToken cancellationToken)
    {
        trace.Add(step);
        return SaveAsync(id, r => r.Trace = TraceStep.Write(trace), cancellationToken);
    }

    private Task SaveAsync(Guid id, Action<TransferRequest> change, CancellationToken cancellationToken) =>
        store.WriteAsync(async db =>
        {
            var row = await db.TransferRequests.FirstAsync(r => r.Id == id, cancellationToken).ConfigureAwait(false);
            change(row);
        }, cancellationToken);
}
