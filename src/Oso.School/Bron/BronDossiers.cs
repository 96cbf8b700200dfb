using Microsoft.EntityFrameworkCore;
using Oso.Dossier;
using Oso.Dossier.Codes;
using Oso.Dossier.Model;
using Oso.Dossier.Schema;
using Oso.Dossier.Validation;
using Oso.School.Audit;
using Oso.School.Crypto;
using Oso.School.Outbox;
using Oso.School.Storage;
using static Oso.School.Crypto.ProtectedDossiers;

namespace Oso.School.Bron;

/// <summary>The outcome of delivering a dossier.</summary>
public abstract record DeliveryResult
{
    private DeliveryResult()
    {
    }

    /// <summary>Stored as the pupil's draft.</summary>
    /// <param name="PupilId">Our id for the pupil.</param>
    /// <param name="Report">The validation report (the draft may still have errors; release requires none).</param>
    /// <param name="Created">True when the pupil was new.</param>
    public sealed record Stored(Guid PupilId, ValidationReport Report, bool Created) : DeliveryResult;

    /// <summary>Not stored: not a readable dossier of this school.</summary>
    /// <param name="Reason">Dutch.</param>
    /// <param name="Meldingen">Located messages.</param>
    public sealed record Rejected(string Reason, IReadOnlyList<Melding> Meldingen) : DeliveryResult;
}

/// <summary>The outcome of recording the parents' inzage or consent.</summary>
public abstract record InzageResult
{
    private InzageResult()
    {
    }

    /// <summary>Recorded in the draft.</summary>
    public sealed record Recorded : InzageResult;

    /// <summary>No such pupil.</summary>
    public sealed record NotFound : InzageResult;

    /// <summary>The input is not acceptable.</summary>
    /// <param name="Reason">Dutch.</param>
    public sealed record Invalid(string Reason) : InzageResult;
}

/// <summary>The outcome of a release.</summary>
public abstract record ReleaseResult
{
    private ReleaseResult()
    {
    }

    /// <summary>Released (frozen).</summary>
    /// <param name="ReleaseId">The release.</param>
    /// <param name="Version">1, 2, …</param>
    /// <param name="Notifications">Refused requests that will now be notified.</param>
    public sealed record Released(Guid ReleaseId, int Version, int Notifications) : ReleaseResult;

    /// <summary>No such pupil or no draft.</summary>
    public sealed record NotFound : ReleaseResult;

    /// <summary>Not valid by the official standard.</summary>
    /// <param name="Meldingen">Why.</param>
    public sealed record Invalid(IReadOnlyList<Melding> Meldingen) : ReleaseResult;

    /// <summary>Not allowed yet.</summary>
    /// <param name="Reason">Dutch, saying who must do what.</param>
    public sealed record NotAllowed(string Reason) : ReleaseResult;
}

/// <summary>Parents' inspection and view, or consent, as staff, the LAS or the parents' page record it.</summary>
/// <param name="Inzagedatum">When the parents (or the pupil) saw the dossier.</param>
/// <param name="Akkoord">Ja, Nee or Onbekend.</param>
/// <param name="RedenNietAkkoord">The parents' view (zienswijze) when they disagree.</param>
/// <param name="Toestemming">Ja, Nee or Onbekend (VO: consent, from the pupil when 16 or older).</param>
public sealed record InzageInput(DateOnly Inzagedatum, string? Akkoord, string? RedenNietAkkoord, string? Toestemming);

/// <summary>The school as bron: dossiers delivered by the LAS, inzage and consent, release (klaarzetten).</summary>
public sealed class BronDossiers(SchoolStore store, ProtectedDossiers crypto, AuditLog audit, OutboxQueue outbox, DossierValidator validator,
    TimeProvider time, SchoolOptions options, Oso.Hosting.Telemetry.OsoMetrics metrics)
{
    /// <summary>Stores a dossier (OSO XML) as the pupil's draft.</summary>
    public async Task<DeliveryResult> DeliverAsync(string brin, string lasId, Stream xml, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(xml);
        var buffer = new MemoryStream();
        await xml.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        buffer.Position = 0;
        var read = DossierReader.Read(buffer, cancellationToken: cancellationToken);
        if (read.Dossier is not { } dossier)
            return new DeliveryResult.Rejected(read.Document is null ? "Het bestand is geen leesbaar OSO-dossier." : "Het document is geen enkel dossier.", read.Meldingen);
        return await DeliverAsync(brin, lasId, dossier, actor, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stores a dossier (the typed model, e.g. from JSON) as the pupil's draft.</summary>
    public async Task<DeliveryResult> DeliverAsync(string brin, string lasId, Dossier.Model.Dossier dossier, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dossier);
        if (CheckDelivery(brin, lasId, dossier) is { } rejected) return rejected;
        var xml = DossierWriter.ToBytes(dossier, indent: false);
        var report = validator.Validate(new MemoryStream(xml), cancellationToken);
        metrics.CountMeldingen(report.Meldingen, "aangeleverd");
        var leerling = dossier.Huidigeschool.Leerling;
        var pgn = leerling.Bsn ?? leerling.Onderwijsnummer;
        var identity = Identity(leerling, brin);

        return await store.WriteAsync<DeliveryResult>(async db =>
        {
            var lasIndex = crypto.Index(brin, "las", lasId);
            var pupil = await db.Pupils.FirstOrDefaultAsync(p => p.Brin == brin && p.LasIdIndex == lasIndex, cancellationToken).ConfigureAwait(false);
            var created = pupil is null;
            var now = time.GetUtcNow();
            if (pupil is null)
            {
                var id = Guid.NewGuid();
                pupil = new Pupil { Id = id, Brin = brin, LasIdIndex = lasIndex, Identity = [], CreatedAt = now };
                db.Pupils.Add(pupil);
            }
            pupil.PgnIndex = pgn is null ? null : crypto.Index(brin, "pgn", pgn);
            pupil.Identity = crypto.ProtectJson(brin, identity, Contexts.PupilIdentity(pupil.Id));
            var draft = await db.Drafts.FirstOrDefaultAsync(d => d.PupilId == pupil.Id, cancellationToken).ConfigureAwait(false);
            var protectedXml = crypto.ProtectXml(brin, xml, Contexts.Draft(pupil.Id));
            if (draft is null)
            {
                draft = new DossierDraft { PupilId = pupil.Id, Xml = protectedXml, UpdatedBy = actor.ToString() };
                db.Drafts.Add(draft);
            }
            draft.Xml = protectedXml;
            draft.UpdatedAt = now;
            draft.UpdatedBy = actor.ToString();
            draft.Fouten = report.Fouten;
            draft.Waarschuwingen = report.Waarschuwingen;
            await audit.RecordAsync(db, brin, actor, "dossier.aangeleverd", "Het LAS levert het overstapdossier aan.", pupil.Id.ToString(),
                $"fouten={report.Fouten}", cancellationToken).ConfigureAwait(false);
            return new DeliveryResult.Stored(pupil.Id, report, created);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Why a dossier cannot be stored as this school's draft for this LAS pupil number (null when it can): the checks before anything is written.</summary>
    internal static DeliveryResult.Rejected? CheckDelivery(string brin, string lasId, Dossier.Model.Dossier dossier)
    {
        if (string.IsNullOrWhiteSpace(lasId) || lasId.Length > 64)
            return new DeliveryResult.Rejected("Het leerlingnummer van het LAS ontbreekt of is langer dan 64 tekens.", []);
        if (dossier.Huidigeschool.Brincode != brin)
            return new DeliveryResult.Rejected($"Het dossier hoort bij school {dossier.Huidigeschool.Brincode}, niet bij {brin}.", []);
        return null;
    }

    /// <summary>Records the parents' inzage (and view) or consent in the pupil's draft.</summary>
    public async Task<InzageResult> RecordInzageAsync(string brin, Guid pupilId, InzageInput input, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (CheckInzage(input, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime)) is { } invalid) return invalid;

        return await store.WriteAsync<InzageResult>(async db =>
        {
            var draft = await db.Drafts.FirstOrDefaultAsync(d => d.PupilId == pupilId, cancellationToken).ConfigureAwait(false);
            var pupil = await db.Pupils.FirstOrDefaultAsync(p => p.Id == pupilId && p.Brin == brin, cancellationToken).ConfigureAwait(false);
            if (draft is null || pupil is null) return new InzageResult.NotFound();
            var updated = WithInzage(crypto.Dossier(brin, draft.Xml, Contexts.Draft(pupilId)), input);
            var xml = DossierWriter.ToBytes(updated, indent: false);
            var report = validator.Validate(new MemoryStream(xml), cancellationToken);
            draft.Xml = crypto.ProtectXml(brin, xml, Contexts.Draft(pupilId));
            draft.UpdatedAt = time.GetUtcNow();
            draft.UpdatedBy = actor.ToString();
            draft.Fouten = report.Fouten;
            draft.Waarschuwingen = report.Waarschuwingen;
            await audit.RecordAsync(db, brin, actor, "inzage.vastgelegd", "Inzage, zienswijze of toestemming van ouders/leerling vastgelegd.",
                pupilId.ToString(), $"akkoord={input.Akkoord ?? "-"};toestemming={input.Toestemming ?? "-"}", cancellationToken).ConfigureAwait(false);
            return new InzageResult.Recorded();
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Why an inzage cannot be recorded (null when it can), with today's date as the bron checks it (UTC).</summary>
    internal static InzageResult.Invalid? CheckInzage(InzageInput input, DateOnly today)
    {
        foreach (var (field, value) in new[] { ("akkoord", input.Akkoord), ("toestemming", input.Toestemming) })
            if (value is not null && !JaNeeOnbekend.Definition.Contains(value))
                return new InzageResult.Invalid($"'{field}' is Ja, Nee of Onbekend.");
        if (input.Akkoord == "Nee" && string.IsNullOrWhiteSpace(input.RedenNietAkkoord))
            return new InzageResult.Invalid("Als ouders het niet eens zijn (akkoord = Nee), hoort hun zienswijze erbij (redenNietAkkoord).");
        if (input.RedenNietAkkoord is { } reden && XmlValues.IndexOfInvalidCharacter(reden) >= 0)
            return new InzageResult.Invalid("De zienswijze (redenNietAkkoord) bevat een teken dat niet in een dossier kan staan, zoals een stuurteken.");
        if (input.Inzagedatum > today)
            return new InzageResult.Invalid("De inzagedatum ligt in de toekomst.");
        return null;
    }

    /// <summary>The dossier with this inzage recorded (an accepted input: see <see cref="CheckInzage"/>).</summary>
    internal static Dossier.Model.Dossier WithInzage(Dossier.Model.Dossier dossier, InzageInput input) => dossier with
    {
        Inzage = new Ouderinzage
        {
            Voorlopigdossier = false,
            Inzage = true,
            Inzagedatum = input.Inzagedatum,
            Akkoord = input.Akkoord is null ? (Code<JaNeeOnbekend>?)null : new Code<JaNeeOnbekend>(input.Akkoord),
            Redennietakkoord = input.Akkoord == "Nee" ? input.RedenNietAkkoord : null,
            Toestemming = input.Toestemming is null ? (Code<JaNeeOnbekend>?)null : new Code<JaNeeOnbekend>(input.Toestemming),
        },
    };

    /// <summary>Releases (freezes) the pupil's draft: it must be valid and, from PO, seen by the parents.</summary>
    public async Task<ReleaseResult> ReleaseAsync(string brin, Guid pupilId, IReadOnlyCollection<string>? optOut, Actor actor, CancellationToken cancellationToken = default)
    {
        if (OptOutText(optOut, out var optOutText) is { } refused) return refused;

        return await store.WriteAsync<ReleaseResult>(async db =>
        {
            var draft = await db.Drafts.FirstOrDefaultAsync(d => d.PupilId == pupilId, cancellationToken).ConfigureAwait(false);
            var pupil = await db.Pupils.FirstOrDefaultAsync(p => p.Id == pupilId && p.Brin == brin, cancellationToken).ConfigureAwait(false);
            var tenant = await db.Tenants.FirstOrDefaultAsync(t => t.Brin == brin, cancellationToken).ConfigureAwait(false);
            if (draft is null || pupil is null || tenant is null) return new ReleaseResult.NotFound();
            var xml = crypto.Xml(brin, draft.Xml, Contexts.Draft(pupilId));
            var read = DossierReader.Read(new MemoryStream(xml), cancellationToken: cancellationToken);
            // a draft the reader cannot read at all (e.g. one attachment over its text limit) has no inzage either: say what the reader says
            if (read.Dossier is not { } dossier)
                return new ReleaseResult.Invalid(read.Meldingen.Any(m => m.IsFout) ? read.Meldingen.Where(m => m.IsFout).ToList() : read.Meldingen);
            // the parents' inspection first: it is the step a school most often still has to take
            if (tenant.Sector is "PO" or "SO" && dossier.Inzage?.Inzage != true)
                return new ReleaseResult.NotAllowed("Ouders hebben het dossier nog niet ingezien. Leg eerst de inzage vast (en hun zienswijze als ze het er niet mee eens zijn).");
            var report = validator.Validate(new MemoryStream(xml), cancellationToken);
            if (!report.Valid) return new ReleaseResult.Invalid(report.Meldingen.Where(m => m.IsFout).ToList());

            var now = time.GetUtcNow();
            var previous = await db.Releases.Where(r => r.PupilId == pupilId).OrderByDescending(r => r.Version).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            if (previous is not null) previous.SupersededAt = now;
            var id = Guid.NewGuid();
            // the release in encrypted chunks (ADR 0014 phase 3), each inserted and let go in this transaction; written from
            // the draft's bytes, which are in memory already (decrypted whole, read and validated above)
            int chunks;
            using (var source = new MemoryStream(xml, writable: false))
                chunks = await crypto.WriteReleaseAsync(db, brin, id, source, cancellationToken).ConfigureAwait(false);
            var release = new DossierRelease
            {
                Id = id, PupilId = pupilId, Brin = brin, Version = (previous?.Version ?? 0) + 1,
                XmlChunks = chunks, OptOut = optOutText, ReleasedAt = now, ReleasedBy = actor.ToString(),
            };
            db.Releases.Add(release);
            await audit.RecordAsync(db, brin, actor, "dossier.vrijgegeven", "Het dossier is klaargezet voor overdracht.", pupilId.ToString(),
                $"versie={release.Version}", cancellationToken).ConfigureAwait(false);

            // refused requests for this pupil: notify the doel now that a dossier is available
            var since = now - options.NotifyWithin;
            var waiting = await db.IncomingRequests
                .Where(r => r.Brin == brin && r.AwaitingNotification && r.ReceivedAt >= since && (r.PupilId == pupilId || (pupil.PgnIndex != null && r.PgnIndex == pupil.PgnIndex)))
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            foreach (var request in waiting)
            {
                request.AwaitingNotification = false;
                request.PupilId = pupilId;
                await outbox.EnqueueAsync(db, NotificationSender.Kind, new NotificationSender.Payload(request.Id), NotificationSender.Key(request.Id),
                    cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            return new ReleaseResult.Released(id, release.Version, waiting.Count);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The opt-out categories of a release as stored (comma-separated, each once), or why one is not a category.</summary>
    internal static ReleaseResult.NotAllowed? OptOutText(IReadOnlyCollection<string>? optOut, out string text)
    {
        text = string.Join(',', (optOut ?? []).Select(o => o?.Trim() ?? "").Where(o => o.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase));
        foreach (var name in text.Split(',', StringSplitOptions.RemoveEmptyEntries))
            // by name only: Enum.TryParse also takes numbers ("1", "99")
            if (!Enum.GetNames<Dossier.Profiles.Category>().Contains(name.Trim(), StringComparer.OrdinalIgnoreCase))
                return new ReleaseResult.NotAllowed($"'{name}' is geen categorie (bijvoorbeeld Bijlagedocs, Toetsresultaten, Verzuim).");
        return null;
    }

    /// <summary>
    /// Changes the pupil's draft (staff composing in the portal). The changed dossier is validated and stored even when it
    /// has errors — a draft may be incomplete; release requires none — and the identity summary follows the dossier. A change
    /// that changes nothing is not stored (nor audited), so saving an unchanged form does not make a release look outdated.
    /// </summary>
    /// <param name="brin">The school.</param>
    /// <param name="pupilId">The pupil.</param>
    /// <param name="change">The change to the dossier.</param>
    /// <param name="section">What was changed (for the audit record, e.g. <c>overstapadvies</c>).</param>
    /// <param name="actor">Who.</param>
    /// <param name="cancellationToken">Cancels.</param>
    /// <returns>The validation report of the changed draft, or null when the school has no such pupil.</returns>
    public async Task<ValidationReport?> UpdateDraftAsync(string brin, Guid pupilId, Func<Dossier.Model.Dossier, Dossier.Model.Dossier> change, string section,
        Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        return await store.WriteAsync(async db =>
        {
            var draft = await db.Drafts.FirstOrDefaultAsync(d => d.PupilId == pupilId, cancellationToken).ConfigureAwait(false);
            var pupil = await db.Pupils.FirstOrDefaultAsync(p => p.Id == pupilId && p.Brin == brin, cancellationToken).ConfigureAwait(false);
            if (draft is null || pupil is null) return null;
            var current = crypto.Dossier(brin, draft.Xml, Contexts.Draft(pupilId));
            var updated = change(current);
            var xml = DossierWriter.ToBytes(updated, indent: false);
            var report = validator.Validate(new MemoryStream(xml), cancellationToken);
            if (updated == current) return report; // nothing changed: the draft keeps its time (a release stays current)
            var identity = Identity(updated.Huidigeschool.Leerling, brin);
            pupil.PgnIndex = identity.Pgn is null ? null : crypto.Index(brin, "pgn", identity.Pgn);
            pupil.Identity = crypto.ProtectJson(brin, identity, Contexts.PupilIdentity(pupilId));
            draft.Xml = crypto.ProtectXml(brin, xml, Contexts.Draft(pupilId));
            draft.UpdatedAt = time.GetUtcNow();
            draft.UpdatedBy = actor.ToString();
            draft.Fouten = report.Fouten;
            draft.Waarschuwingen = report.Waarschuwingen;
            await audit.RecordAsync(db, brin, actor, "dossier.bewerkt", "Het concept-dossier is aangevuld of gewijzigd.", pupilId.ToString(),
                $"onderdeel={section};fouten={report.Fouten}", cancellationToken).ConfigureAwait(false);
            return report;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The pupil's id for a LAS pupil number, or null.</summary>
    public async Task<Guid?> FindPupilAsync(string brin, string lasId, CancellationToken cancellationToken = default)
    {
        await using var db = store.Read();
        var index = crypto.Index(brin, "las", lasId);
        return await db.Pupils.Where(p => p.Brin == brin && p.LasIdIndex == index).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>What the school's lists show of a pupil: name, birth date, PGN and current group.</summary>
    public static PupilIdentity Identity(Leerling leerling, string brin)
    {
        ArgumentNullException.ThrowIfNull(leerling);
        return new PupilIdentity(Name(leerling), leerling.Geboortedatum, leerling.Bsn ?? leerling.Onderwijsnummer, Groep.Current(leerling, brin));
    }

    /// <summary>The display name of a pupil in a dossier.</summary>
    public static string Name(Leerling leerling)
    {
        ArgumentNullException.ThrowIfNull(leerling);
        var first = leerling.Roepnaam ?? (leerling.Voornaam.Count > 0 ? leerling.Voornaam[0] : leerling.Voorletters1);
        return string.Join(' ', new[] { first, leerling.Voorvoegsel, leerling.Achternaam }.Where(p => !string.IsNullOrWhiteSpace(p)));
    }
}
