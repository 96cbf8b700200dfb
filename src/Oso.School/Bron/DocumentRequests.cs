using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Oso.Dossier;
using Oso.Dossier.Profiles;
using Oso.Protocol.Client;
using Oso.Protocol.Identifiers;
using Oso.Protocol.Messages;
using Oso.Protocol.Proofs;
using Oso.Protocol.Results;
using Oso.Protocol.Soap;
using Oso.School.Audit;
using Oso.School.Crypto;
using Oso.School.Mail;
using Oso.School.Outbox;
using Oso.School.Protocol;
using Oso.School.Staff;
using Oso.School.Storage;
using static Oso.School.Crypto.ProtectedDossiers;

namespace Oso.School.Bron;

/// <summary>
/// Answers documentRequests as bron: sessiecontrole at the Traffic Center first; then the request is kept (to notify the
/// doel later) and only what OSO allows is delivered — a released dossier, seen by the parents (and with consent for
/// VO→VO), newer than the aanvraagdatum, filtered for the transfer's profile. Otherwise the right resultaat.
/// </summary>
public sealed class DocumentRequests(SchoolStore store, ProtectedDossiers crypto, AuditLog audit, NodeConnections connections, OutboxQueue outbox,
    TimeProvider time, Swv.SwvDossiers swv, ILogger<DocumentRequests> logger)
{
    /// <summary>
    /// Where the answer's dossier is written: in memory up to 8 MiB, past that into an encrypted spool file in the
    /// system's temporary directory (<see cref="SoapLimits.Spooled"/>, as the doel's capture; ADR 0014 phase 3).
    /// </summary>
    public static SoapLimits OutputLimits { get; } = SoapLimits.Spooled;

    /// <summary>The audit action of a documentRequest refused because the caller is not the session's system.</summary>
    public const string AccessRefused = "toegang.geweigerd";

    /// <summary>Handles one documentRequest that arrived at aanleverpunt <paramref name="aanleverpunt"/> from <paramref name="caller"/>.</summary>
    public async Task<DocumentResponse> HandleAsync(string aanleverpunt, DocumentRequest request, SysteemId? caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var routing = request.Routering;
        var brin = routing.BronBrin.Value;

        await using (var db = store.Read())
        {
            var punt = await db.Aanleverpunten.AsNoTracking().FirstOrDefaultAsync(a => a.RouteringsKenmerk == aanleverpunt, cancellationToken).ConfigureAwait(false);
            if (punt is null || !punt.Active || punt.Brin != brin || routing.BronRouteringsKenmerk.Value != aanleverpunt)
                return new DocumentResponse.NietGeleverd(ResultaatCode.OnbekendAanleverpunt);
        }

        // a caller without a system id cannot be the system of any session: not worth asking the Traffic Center
        if (caller is null) return await RefuseAccessAsync(brin, request, caller, null, ResultaatCode.SysteemNietBevoegd, cancellationToken).ConfigureAwait(false);

        // 1. the Traffic Center checks the session before anything else
        var check = await CheckSessionAsync(request, cancellationToken).ConfigureAwait(false);
        string doelSector;
        SysteemId doelSysteem;
        switch (check)
        {
            case OsoCallResult<SessiecontroleResponse>.Success { Response: SessiecontroleResponse.Geldig geldig }:
                // the session holds, but only for the system that opened it (and its doel school and aanleverpunt)
                if (geldig.RefusalFor(caller, routing) is { } refusal)
                    return await RefuseAccessAsync(brin, request, caller, geldig.DoelSysteem, refusal, cancellationToken).ConfigureAwait(false);
                doelSector = geldig.Sector;
                doelSysteem = geldig.DoelSysteem;
                break;
            case OsoCallResult<SessiecontroleResponse>.Success { Response: SessiecontroleResponse.Ongeldig ongeldig }:
                logger.LogInformation("documentRequest {Sessie}: sessiecontrole geweigerd ({Code}).", request.SessieId, ongeldig.Resultaat);
                return new DocumentResponse.NietGeleverd(ongeldig.Resultaat);
            case OsoCallResult<SessiecontroleResponse>.Failure failure:
                logger.LogWarning("documentRequest {Sessie}: Traffic Center niet bereikt ({Kind}).", request.SessieId, failure.Fout.Soort);
                return new DocumentResponse.NietGeleverd(ResultaatCode.TechnischeFout);
            default:
                return new DocumentResponse.NietGeleverd(ResultaatCode.TechnischeFout);
        }

        // 2. decide, keep the request, and deliver (an SWV dossier: only the release chosen for the koppelsleutel's SWV)
        // the dossier made in the transaction is this method's until it returns the answer: a failure after it was made
        // (the audit record, the commit, cancellation) removes it, and with it a spool file (ADR 0014 phase 3)
        GegevenssetXml? made = null;
        try
        {
            var answer = request.Sleutel is DocumentSleutel.Koppel koppel
                ? await store.WriteAsync(db => swv.DeliverAsync(db, brin, request, koppel.Koppelsleutel, caller.Value, doelSysteem, cancellationToken), cancellationToken)
                    .ConfigureAwait(false)
                : await store.WriteAsync<(DocumentResponse Answer, byte[]? Sha256)>(async db =>
            {
                var tenant = await db.Tenants.AsNoTracking().FirstAsync(t => t.Brin == brin, cancellationToken).ConfigureAwait(false);
                var pgnIndex = request.Sleutel is DocumentSleutel.Leerling l ? crypto.Index(brin, "pgn", l.Pgn.Value) : null;
                var pupil = pgnIndex is null ? null
                    : await db.Pupils.AsNoTracking().FirstOrDefaultAsync(p => p.Brin == brin && p.PgnIndex == pgnIndex, cancellationToken).ConfigureAwait(false);
                var release = pupil is null ? null
                    : await db.Releases.AsNoTracking().Where(r => r.PupilId == pupil.Id && r.SupersededAt == null).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);

                var (resultaat, dossier, digest, profile) = Decide(db, tenant.Sector, doelSector, request, routing, release, pupil);
                made = dossier;
                var kept = new IncomingRequest
                {
                    Id = Guid.NewGuid(), Brin = brin, BronRouteringsKenmerk = aanleverpunt, SessieId = request.SessieId.Value,
                    DoelBrin = routing.DoelBrin.Value, DoelRouteringsKenmerk = routing.DoelRouteringsKenmerk.Value,
                    Overdrachtsoort = request.Overdrachtsoort.WireName(), PgnIndex = pgnIndex, DoelSector = doelSector,
                    ReceivedAt = time.GetUtcNow(), Aanvraagdatum = request.Aanvraagdatum, Resultaat = resultaat.ToString(), PupilId = pupil?.Id,
                    AwaitingNotification = resultaat is ResultaatCode.LeerlinginfoNietBeschikbaar or ResultaatCode.LeerlinginfoNietOpvraagbaar or ResultaatCode.LeerlingOnbekend,
                };
                db.IncomingRequests.Add(kept);
                if (kept.AwaitingNotification) // staff act on this one: release the dossier (or have the LAS deliver it)
                    await StaffNotices.QueueAsync(db, outbox, brin, StaffMailEvents.Verzoek, kept.Id, cancellationToken).ConfigureAwait(false);
                var actor = Actor.Systeem(caller?.Value ?? "onbekend");
                if (dossier is null)
                {
                    await audit.RecordAsync(db, brin, actor, "verzoek.geweigerd", "Een andere school vroeg het dossier op; het kon (nog) niet worden verstrekt.",
                        pupil?.Id.ToString(), $"doel={routing.DoelBrin};resultaat={resultaat}", cancellationToken).ConfigureAwait(false);
                    return ((DocumentResponse)new DocumentResponse.NietGeleverd(resultaat), (byte[]?)null);
                }
                db.Disclosures.Add(new Disclosure
                {
                    Id = Guid.NewGuid(), PupilId = pupil!.Id, Brin = brin, ReleaseId = release!.Id, DoelBrin = routing.DoelBrin.Value,
                    Profiel = profile!.Name, SessieId = request.SessieId.Value, At = time.GetUtcNow(),
                    DossierSha256 = Convert.ToHexStringLower(digest!), DoelSysteem = doelSysteem.Value,
                });
                await audit.RecordAsync(db, brin, actor, "dossier.verstrekt", "Het dossier is verstrekt aan de nieuwe school.", pupil.Id.ToString(),
                    $"doel={routing.DoelBrin};profiel={profile.Name};versie={release.Version}", cancellationToken).ConfigureAwait(false);
                return (new DocumentResponse.Geleverd(dossier), digest);
            }, cancellationToken).ConfigureAwait(false);

            // 3. sign what is sent (outside the transaction: the signature changes nothing stored)
            return answer is (DocumentResponse.Geleverd geleverd, { } sha256) ? Sign(geleverd, sha256, request) : answer.Item1;
        }
        catch
        {
            made?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Asks the Traffic Center to check the session; once more after a transport failure only (a Central instance killed
    /// mid-call: through the balancer the second try reaches another one). A sessiecontrole changes nothing at the TC but
    /// a trace step, and the doel does not ask this aanleverpunt again after a <c>TechnischeFout</c>. Never after a
    /// refusal or a timeout.
    /// </summary>
    private async Task<OsoCallResult<SessiecontroleResponse>> CheckSessionAsync(DocumentRequest request, CancellationToken cancellationToken)
    {
        var sessiecontrole = new SessiecontroleRequest(request.Routering, request.Sleutel.NaarSessieSleutel(), request.Overdrachtsoort, request.SessieId);
        var check = await connections.Client.SendAsync(connections.TrafficCenter, sessiecontrole, cancellationToken).ConfigureAwait(false);
        if (check is not OsoCallResult<SessiecontroleResponse>.Failure { Fout.IsTransport: true } failure) return check;
        logger.LogInformation("documentRequest {Sessie}: Traffic Center niet bereikt ({Kind}); sessiecontrole nog een keer.", request.SessieId, failure.Fout.Soort);
        return await connections.Client.SendAsync(connections.TrafficCenter, sessiecontrole, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Signs the exact dossier bytes with the node's system certificate: who sent what, when, in which session.</summary>
    private DocumentResponse.Geleverd Sign(DocumentResponse.Geleverd geleverd, byte[] sha256, DocumentRequest request)
    {
        var verklaring = new Verklaring(VerklaringSoort.Verzending, time.GetUtcNow(), request.SessieId, request.Routering.BronBrin, request.Routering.DoelBrin,
            connections.Systeem, sha256);
        return geleverd with { Handtekening = Bewijzen.Onderteken(verklaring, connections.SystemCertificate) };
    }

    /// <summary>
    /// Refuses a documentRequest from a system that is not bound to the session: audited as a refused access (actor:
    /// the calling system), with nothing kept that could later notify it — no dossier, no disclosure, no request.
    /// </summary>
    private async Task<DocumentResponse> RefuseAccessAsync(string brin, DocumentRequest request, SysteemId? caller, SysteemId? sessionSystem,
        ResultaatCode refusal, CancellationToken cancellationToken)
    {
        logger.LogWarning("documentRequest {Sessie} van systeem {Systeem} geweigerd ({Code}); de sessie is van systeem {SessieSysteem}.",
            request.SessieId, caller?.Value ?? "(geen)", refusal, sessionSystem?.Value ?? "(niet gevraagd)");
        await store.WriteAsync(async db =>
        {
            var pgnIndex = request.Sleutel is DocumentSleutel.Leerling l ? crypto.Index(brin, "pgn", l.Pgn.Value) : null;
            var pupil = pgnIndex is null ? null
                : await db.Pupils.AsNoTracking().FirstOrDefaultAsync(p => p.Brin == brin && p.PgnIndex == pgnIndex, cancellationToken).ConfigureAwait(false);
            await audit.RecordAsync(db, brin, Actor.Systeem(caller?.Value ?? "onbekend"), AccessRefused,
                "Een systeem dat niet bij de sessie hoort, vroeg een dossier op; er is niets verstrekt.", pupil?.Id.ToString(),
                $"doel={request.Routering.DoelBrin};resultaat={refusal};sessiesysteem={sessionSystem?.Value ?? "-"}", cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return new DocumentResponse.NietGeleverd(refusal);
    }

    /// <summary>
    /// The answer to a documentRequest for a pupil: the resultaat, and for <see cref="ResultaatCode.OverdrachtGeslaagd"/>
    /// the filtered dossier (in memory, or past <see cref="SoapLimits.SpoolAboveBytes"/> of <see cref="OutputLimits"/> in
    /// an encrypted spool file; the caller owns it) with the SHA-256 of its bytes, hashed while the copy wrote them.
    /// </summary>
    private (ResultaatCode Resultaat, GegevenssetXml? Xml, byte[]? Sha256, OverstapProfile? Profile) Decide(SchoolDbContext db, string bronSector, string doelSector, DocumentRequest request,
        Routering routing, DossierRelease? release, Pupil? pupil)
    {
        if (request.Sleutel is not DocumentSleutel.Leerling) return (ResultaatCode.OngeldigVerzoek, null, null, null); // koppelsleutel requests: SwvDossiers
        if (request.Overdrachtsoort == Overdrachtsoort.SwvDossier) return (ResultaatCode.OngeldigVerzoek, null, null, null); // an SWV dossier goes with a koppelsleutel only
        if (pupil is null) return (ResultaatCode.LeerlingOnbekend, null, null, null);
        if (release is null) return (ResultaatCode.LeerlinginfoNietBeschikbaar, null, null, null);
        var binnenBrin = request.Overdrachtsoort == Overdrachtsoort.OverdrachtBinnenBrin;
        if (binnenBrin && routing.DoelBrin != routing.BronBrin) return (ResultaatCode.GeenRelatieMetDoel, null, null, null);
        var profile = request.Overdrachtsoort == Overdrachtsoort.SwvDossier
            ? OverstapProfiles.For(bronSector, "SWV", false)
            : OverstapProfiles.For(bronSector, doelSector, binnenBrin);
        if (profile is null) return (ResultaatCode.GeenRelatieMetDoel, null, null, null);
        if (request.Aanvraagdatum is { } since && release.ReleasedAt <= since) return (ResultaatCode.LeerlinginfoNietGewijzigd, null, null, null);

        // the release is copied through the category filter without building the model (ADR 0014 phase 3): the checks
        // below read what the copy saw, the same values the model gave (standaardversie, inzage, toestemming, categories)
        var optOut = release.OptOut.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(c => Enum.Parse<Category>(c, ignoreCase: true)).ToHashSet();
        // the release is read chunk by chunk in this transaction, straight into the copy: never decrypted whole
        // the copy goes into memory sized once (it is never larger than the release and a few hundred bytes of
        // metadata), or past the spool threshold into an encrypted spool file, hashed while it is written (one pass)
        using var output = new GegevenssetXmlWriteStream(MaxReleaseBytes(release) + 4096, OutputLimits);
        CopiedDossier copied;
        using (var input = crypto.ReleaseXml(db, release))
            copied = CategoryFilter.Copy(input, output, profile, optOut);
        if (copied.Standaardversie != "2019.1") return (ResultaatCode.VersieNietOndersteund, null, null, null);
        if (profile == OverstapProfiles.Vovo && copied.Toestemming != "Ja") return (ResultaatCode.LeerlinginfoNietOpvraagbaar, null, null, null);
        if (bronSector is "PO" or "SO" && copied.Inzage != true) return (ResultaatCode.LeerlinginfoNietOpvraagbaar, null, null, null);
        if (copied.MissingRequired(profile).Count > 0) return (ResultaatCode.LeerlinginfoNietBeschikbaar, null, null, null);
        var (xml, sha256) = output.Complete(); // the dossier owns the bytes from here; disposing the writer no longer touches them
        return (ResultaatCode.OverdrachtGeslaagd, xml, sha256, profile);
    }
}
