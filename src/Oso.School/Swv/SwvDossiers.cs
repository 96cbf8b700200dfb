using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Oso.Dossier;
using Oso.Dossier.Profiles;
using Oso.Dossier.Validation;
using Oso.Protocol.Identifiers;
using Oso.Protocol.Messages;
using Oso.Protocol.Proofs;
using Oso.Protocol.Results;
using Oso.School.Audit;
using Oso.School.Bron;
using Oso.School.Crypto;
using Oso.School.Doel;
using Oso.School.LasApi;
using Oso.School.Outbox;
using Oso.School.Protocol;
using Oso.School.Storage;
using static Oso.School.Crypto.ProtectedDossiers;

namespace Oso.School.Swv;

/// <summary>The outcome of choosing an SWV for a pupil's dossier.</summary>
public abstract record SwvSendResult
{
    private SwvSendResult()
    {
    }

    /// <summary>Queued: the node asks a koppelsleutel and notifies the SWV.</summary>
    /// <param name="Id">The sending.</param>
    /// <param name="Profiel">POSWV or VOSWV.</param>
    public sealed record Queued(Guid Id, string Profiel) : SwvSendResult;

    /// <summary>No such pupil or no released dossier.</summary>
    /// <param name="Reason">Dutch.</param>
    public sealed record NotFound(string Reason) : SwvSendResult;

    /// <summary>Not allowed (yet): Dutch, saying who must do what; with the PaO rules' messages when the dossier breaks them.</summary>
    /// <param name="Reason">Dutch.</param>
    /// <param name="Meldingen">The official rules' messages, if that is why.</param>
    public sealed record NotAllowed(string Reason, IReadOnlyList<Melding> Meldingen) : SwvSendResult;
}

/// <summary>
/// The school's side of the SWV flow: it chooses the samenwerkingsverband for a pupil's released dossier (checked
/// against the PaO profile and rules, after the parents' inzage), delivers the dossier to the SWV's system when it comes
/// with the koppelsleutel, and receives the SWV's terugkoppeling — stored encrypted, audited and offered to the LAS.
/// </summary>
public sealed class SwvDossiers(SchoolStore store, ProtectedDossiers crypto, AuditLog audit, OutboxQueue outbox, NodeConnections connections,
    DossierValidator validator, TimeProvider time, ILogger<SwvDossiers> logger)
{
    /// <summary>The audit action of a refused terugkoppeling.</summary>
    public const string FeedbackRefused = "terugkoppeling.geweigerd";

    /// <summary>Chooses <paramref name="swvBrin"/> for the pupil's current release and queues the notificatie.</summary>
    public async Task<SwvSendResult> SendAsync(string brin, Guid pupilId, string swvBrin, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!Dossier.Identifiers.Brin.TryParse(swvBrin, out _))
            return new SwvSendResult.NotAllowed($"'{swvBrin}' is geen BRIN-code van een samenwerkingsverband (twee cijfers en twee hoofdletters).", []);
        return await store.WriteAsync<SwvSendResult>(async db =>
        {
            var tenant = await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Brin == brin, cancellationToken).ConfigureAwait(false);
            var release = await db.Releases.AsNoTracking().Where(r => r.PupilId == pupilId && r.Brin == brin && r.SupersededAt == null)
                .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            if (tenant is null || release is null)
                return new SwvSendResult.NotFound("Er is geen vrijgegeven dossier van deze leerling. Geef het dossier eerst vrij.");
            var profile = OverstapProfiles.For(tenant.Sector, "SWV", false);
            if (profile is null)
                return new SwvSendResult.NotAllowed($"Een school in sector {tenant.Sector} stuurt geen swv-dossier (alleen PO en VO, profiel POSWV of VOSWV).", []);
            var bronPunt = await db.Aanleverpunten.AsNoTracking().Where(a => a.Brin == brin && a.Active && a.Doel == "OV")
                .Select(a => a.RouteringsKenmerk).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            if (bronPunt is null)
                return new SwvSendResult.NotAllowed("Deze school heeft op deze node geen actief aanleverpunt (OV). Actie voor de beheerder: registreer er een.", []);
            var (xml, meldingen, reden) = Compose(db, release, tenant.Sector, profile, cancellationToken);
            if (xml is null) return new SwvSendResult.NotAllowed(reden!, meldingen);

            var sending = new SwvSending
            {
                Id = Guid.NewGuid(), Brin = brin, PupilId = pupilId, ReleaseId = release.Id, SwvBrin = swvBrin, BronRouteringsKenmerk = bronPunt,
                Profiel = profile.Name, Status = SwvSendingStatus.Wachtrij, CreatedAt = time.GetUtcNow(), CreatedBy = actor.ToString(),
            };
            db.SwvSendings.Add(sending);
            await audit.RecordAsync(db, brin, actor, "swv.gekozen", "Het dossier gaat naar het samenwerkingsverband.", pupilId.ToString(),
                $"swv={swvBrin};profiel={profile.Name};versie={release.Version}", cancellationToken).ConfigureAwait(false);
            await outbox.EnqueueAsync(db, SwvSender.Kind, new SwvSender.Payload(sending.Id), "swv:" + sending.Id, cancellationToken: cancellationToken).ConfigureAwait(false);
            return new SwvSendResult.Queued(sending.Id, profile.Name);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The release as the SWV receives it: filtered for the PaO profile and valid by the official rules (XSD and PaO
    /// XSLT), after the parents' inzage where the school's sector requires it; otherwise why not.
    /// </summary>
    private (byte[]? Xml, IReadOnlyList<Melding> Meldingen, string? Reden) Compose(SchoolDbContext db, DossierRelease release, string sector, OverstapProfile profile,
        CancellationToken cancellationToken)
    {
        Dossier.Model.Dossier dossier;
        using (var stored = crypto.ReleaseXml(db, release)) // read in this transaction, one chunk at a time
            dossier = DossierReader.ReadDossier(stored);
        if (sector is "PO" or "SO" && dossier.Inzage?.Inzage != true)
            return (null, [], "Ouders hebben het dossier nog niet ingezien; leg eerst de inzage vast en geef opnieuw vrij.");
        var optOut = release.OptOut.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(c => Enum.Parse<Category>(c, ignoreCase: true)).ToHashSet();
        var filtered = CategoryFilter.Apply(dossier, profile, optOut);
        // the PaO rules forbid the BSN and onderwijsnummer in an SWV dossier (PaO.LL12): the SWV matches the pupil by name and birth date
        filtered = filtered with { Huidigeschool = filtered.Huidigeschool with { Leerling = filtered.Huidigeschool.Leerling with { Bsn = null, Onderwijsnummer = null } } };
        if (CategoryFilter.MissingRequired(filtered, profile) is { Count: > 0 } missing)
            return (null, [], $"Voor een swv-dossier ({profile.Name}) ontbreekt verplicht: {string.Join(", ", missing)}. Vul het dossier aan en geef opnieuw vrij.");
        var xml = DossierWriter.ToBytes(filtered, indent: false);
        var report = validator.Validate(new MemoryStream(xml), cancellationToken);
        return report.Valid
            ? (xml, [], null)
            : (null, report.Meldingen.Where(m => m.IsFout).ToList(),
                $"Het dossier voldoet niet aan de regels voor een swv-dossier ({profile.Name}): {report.Fouten} fout(en). Vul het dossier aan en geef opnieuw vrij.");
    }

    /// <summary>
    /// Answers a documentRequest with a koppelsleutel (after a valid sessiecontrole that bound the caller): only the
    /// release chosen for this SWV, under the koppelsleutel the Traffic Center issued for it, to that SWV.
    /// </summary>
    internal async Task<(DocumentResponse Answer, byte[]? Sha256)> DeliverAsync(SchoolDbContext db, string brin, DocumentRequest request, Koppelsleutel koppelsleutel,
        SysteemId caller, SysteemId doelSysteem, CancellationToken cancellationToken)
    {
        var routing = request.Routering;
        var sending = await db.SwvSendings.FirstOrDefaultAsync(s => s.Brin == brin && s.Koppelsleutel == koppelsleutel.Value, cancellationToken).ConfigureAwait(false);
        var actor = Actor.Systeem(caller.Value);
        ResultaatCode? refusal = sending is null || sending.SwvBrin != routing.DoelBrin.Value ? ResultaatCode.GeenRelatieMetDoel
            : request.Overdrachtsoort != Overdrachtsoort.SwvDossier ? ResultaatCode.OngeldigVerzoek
            : sending.BronRouteringsKenmerk != routing.BronRouteringsKenmerk.Value ? ResultaatCode.OnbekendAanleverpunt
            : null;
        var release = refusal is null ? await db.Releases.AsNoTracking().FirstOrDefaultAsync(r => r.Id == sending!.ReleaseId, cancellationToken).ConfigureAwait(false) : null;
        var tenant = await db.Tenants.AsNoTracking().FirstAsync(t => t.Brin == brin, cancellationToken).ConfigureAwait(false);
        var profile = OverstapProfiles.For(tenant.Sector, "SWV", false);
        var composed = release is null || profile is null ? default : Compose(db, release, tenant.Sector, profile, cancellationToken);
        if (refusal is null && composed.Xml is null) refusal = release is null ? ResultaatCode.LeerlinginfoNietBeschikbaar : ResultaatCode.LeerlinginfoNietOpvraagbaar;
        if (refusal is { } code)
        {
            await audit.RecordAsync(db, brin, actor, "verzoek.geweigerd", "Een samenwerkingsverband vroeg een swv-dossier op; het is niet verstrekt.",
                sending?.PupilId.ToString(), $"doel={routing.DoelBrin};resultaat={code}", cancellationToken).ConfigureAwait(false);
            return (new DocumentResponse.NietGeleverd(code), null);
        }
        var dossier = GegevenssetXml.Create(composed.Xml!);
        var digest = Bewijzen.Digest(dossier.Utf8.Span);
        db.Disclosures.Add(new Disclosure
        {
            Id = Guid.NewGuid(), PupilId = sending!.PupilId, Brin = brin, ReleaseId = release!.Id, DoelBrin = routing.DoelBrin.Value,
            Profiel = profile!.Name, SessieId = request.SessieId.Value, At = time.GetUtcNow(),
            DossierSha256 = Convert.ToHexStringLower(digest), DoelSysteem = doelSysteem.Value,
        });
        sending.Status = SwvSendingStatus.Opgehaald;
        sending.FetchedAt = time.GetUtcNow();
        sending.Resultaat = nameof(ResultaatCode.OverdrachtGeslaagd);
        AddStep(sending, "Dossier opgehaald", "Samenwerkingsverband " + sending.SwvBrin, ResultaatCode.OverdrachtGeslaagd,
            "Het samenwerkingsverband heeft het swv-dossier opgehaald met de koppelsleutel.");
        await audit.RecordAsync(db, brin, actor, "dossier.verstrekt", "Het swv-dossier is verstrekt aan het samenwerkingsverband.", sending.PupilId.ToString(),
            $"doel={routing.DoelBrin};profiel={profile.Name};versie={release.Version}", cancellationToken).ConfigureAwait(false);
        return (new DocumentResponse.Geleverd(dossier), digest);
    }

    /// <summary>
    /// Receives a terugkoppeling at this school's OV aanleverpunt: about an SWV dossier this school sent to that SWV
    /// (the koppelsleutel), from the system that manages the SWV's aanleverpunt (asked at the Traffic Center), and a
    /// valid <c>terugkoppeling</c> document. Stored encrypted, audited and offered to the LAS; anything else is refused,
    /// audited, and changes nothing.
    /// </summary>
    public async Task<TerugkoppelingResponse> ReceiveFeedbackAsync(string aanleverpunt, TerugkoppelingRequest request, SysteemId? caller,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var routing = request.Routering;
        var brin = routing.DoelBrin.Value;
        SwvSending? sending;
        await using (var db = store.Read())
        {
            var punt = await db.Aanleverpunten.AsNoTracking().FirstOrDefaultAsync(a => a.RouteringsKenmerk == aanleverpunt, cancellationToken).ConfigureAwait(false);
            if (punt is null || !punt.Active || punt.Brin != brin || punt.Doel != "OV" || routing.DoelRouteringsKenmerk.Value != aanleverpunt)
                return new TerugkoppelingResponse(ResultaatCode.OnbekendAanleverpunt);
            sending = await db.SwvSendings.AsNoTracking()
                .FirstOrDefaultAsync(s => s.Brin == brin && s.Koppelsleutel == request.Koppelsleutel.Value, cancellationToken).ConfigureAwait(false);
        }
        if (sending is null || sending.SwvBrin != routing.BronBrin.Value)
            return await RefuseFeedbackAsync(brin, routing, caller, ResultaatCode.GeenRelatieMetDoel, null, cancellationToken).ConfigureAwait(false);
        switch (await SenderCheck.CheckAsync(connections, routing.BronBrin, routing.BronRouteringsKenmerk, caller, cancellationToken).ConfigureAwait(false))
        {
            case ResultaatCode.TechnischeFout:
                return new TerugkoppelingResponse(ResultaatCode.TechnischeFout);
            case { } refusal:
                return await RefuseFeedbackAsync(brin, routing, caller, refusal, sending.PupilId, cancellationToken).ConfigureAwait(false);
        }
        var xml = request.Terugkoppeling.Utf8.ToArray();
        var report = validator.Validate(new MemoryStream(xml), cancellationToken);
        if (!report.Valid)
            return await RefuseFeedbackAsync(brin, routing, caller, ResultaatCode.OngeldigVerzoek, sending.PupilId, cancellationToken).ConfigureAwait(false);

        return await store.WriteAsync(async db =>
        {
            var id = Guid.NewGuid();
            db.Terugkoppelingen.Add(new Terugkoppeling
            {
                Id = id, Brin = brin, Richting = TerugkoppelingRichting.Ontvangen, PartnerBrin = sending.SwvBrin, Koppelsleutel = request.Koppelsleutel.Value,
                ExchangeId = sending.Id, PupilId = sending.PupilId, Xml = crypto.ProtectXml(brin, xml, Contexts.Terugkoppeling(id)),
                Resultaat = nameof(ResultaatCode.TerugkoppelingOntvangen), At = time.GetUtcNow(),
            });
            await audit.RecordAsync(db, brin, Actor.Systeem(caller!.Value.Value), "terugkoppeling.ontvangen",
                "Het samenwerkingsverband stuurde een terugkoppeling over het swv-dossier.", sending.PupilId.ToString(), "swv=" + sending.SwvBrin,
                cancellationToken).ConfigureAwait(false);
            await outbox.EnqueueAsync(db, Webhooks.Kind, new Webhooks.Payload(Guid.Empty, Terugkoppeling: id), "webhook:terugkoppeling:" + id,
                cancellationToken: cancellationToken).ConfigureAwait(false);
            return new TerugkoppelingResponse(ResultaatCode.TerugkoppelingOntvangen);
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<TerugkoppelingResponse> RefuseFeedbackAsync(string brin, Routering routing, SysteemId? caller, ResultaatCode refusal, Guid? pupilId,
        CancellationToken cancellationToken)
    {
        logger.LogWarning("terugkoppeling van systeem {Systeem} voor school {Brin} geweigerd ({Code}).", caller?.Value ?? "(geen)", brin, refusal);
        await store.WriteAsync(db => audit.RecordAsync(db, brin, Actor.Systeem(caller?.Value ?? "onbekend"), FeedbackRefused,
            "Een terugkoppeling is geweigerd; er is niets opgeslagen.", pupilId?.ToString(), $"swv={routing.BronBrin};resultaat={refusal}",
            cancellationToken), cancellationToken).ConfigureAwait(false);
        return new TerugkoppelingResponse(refusal);
    }

    /// <summary>Adds a step to a sending's trace (saved with the caller's changes).</summary>
    internal void AddStep(SwvSending sending, string stap, string partij, ResultaatCode? code, string toelichting, bool? geslaagd = null)
    {
        var trace = TraceStep.Parse(sending.Trace);
        trace.Add(new TraceStep(time.GetUtcNow(), stap, partij, code?.ToString(), toelichting, null,
            geslaagd ?? (code is null || code == ResultaatCode.OverdrachtGeslaagd || code.Value.Info().IsBevestiging)));
        sending.Trace = TraceStep.Write(trace);
    }
}

/// <summary>The direction of a <see cref="Terugkoppeling"/>.</summary>
public static class TerugkoppelingRichting
{
    /// <summary>Sent by this node's SWV.</summary>
    public const string Verstuurd = "Verstuurd";

    /// <summary>Received by this node's school.</summary>
    public const string Ontvangen = "Ontvangen";
}
