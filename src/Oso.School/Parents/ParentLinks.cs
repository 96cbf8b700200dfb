using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Oso.Dossier.Model;
using Oso.Dossier.Schema;
using Oso.School.Audit;
using Oso.School.Bron;
using Oso.School.Crypto;
using Oso.School.Mail;
using Oso.School.Outbox;
using Oso.School.Portal;
using Oso.School.Staff;
using Oso.School.Storage;
using static Oso.School.Crypto.ProtectedDossiers;

namespace Oso.School.Parents;

/// <summary>The outcome of creating a parents' link.</summary>
public abstract record ParentLinkResult
{
    private ParentLinkResult()
    {
    }

    /// <summary>Created (and, when asked, queued for mailing).</summary>
    /// <param name="LinkId">The link.</param>
    /// <param name="Token">The token, only when the link was not mailed (development, tests); otherwise null: it exists only in the mail.</param>
    /// <param name="ExpiresAt">Until when it works.</param>
    public sealed record Created(Guid LinkId, string? Token, DateTimeOffset ExpiresAt) : ParentLinkResult;

    /// <summary>No such pupil at this school.</summary>
    public sealed record NotFound : ParentLinkResult;

    /// <summary>Not acceptable.</summary>
    /// <param name="Reason">Dutch.</param>
    public sealed record Invalid(string Reason) : ParentLinkResult;
}

/// <summary>The outcome of opening a link.</summary>
public abstract record OpenResult
{
    private OpenResult()
    {
    }

    /// <summary>A working link.</summary>
    /// <param name="LinkId">The link.</param>
    /// <param name="ExpiresAt">Until when.</param>
    public sealed record Opened(Guid LinkId, DateTimeOffset ExpiresAt) : OpenResult;

    /// <summary>The link existed but expired or was revoked.</summary>
    public sealed record Expired : OpenResult;

    /// <summary>No such link (mistyped, tampered with).</summary>
    public sealed record Unknown : OpenResult;
}

/// <summary>What parents answer.</summary>
/// <param name="Akkoord">Ja or Nee: do they agree with the content.</param>
/// <param name="Zienswijze">Their view when they do not agree.</param>
/// <param name="Toestemming">Ja or Nee: consent to the transfer (VO).</param>
/// <param name="GegevenDoor"><c>ouders</c> or <c>leerling</c> (from 16 the pupil decides).</param>
public sealed record ParentAnswer(string? Akkoord, string? Zienswijze, string? Toestemming, string? GegevenDoor);

/// <summary>The outcome of an answer.</summary>
public abstract record AnswerResult
{
    private AnswerResult()
    {
    }

    /// <summary>Recorded in the draft.</summary>
    public sealed record Recorded : AnswerResult;

    /// <summary>Not acceptable.</summary>
    /// <param name="Reason">Dutch.</param>
    /// <param name="Field">The form field.</param>
    public sealed record Invalid(string Reason, string Field) : AnswerResult;

    /// <summary>The link no longer works.</summary>
    public sealed record Gone : AnswerResult;
}

/// <summary>A delivery of the dossier as parents see it.</summary>
/// <param name="DoelBrin">The receiving school.</param>
/// <param name="DoelNaam">Its name when known on this node.</param>
/// <param name="Op">When.</param>
/// <param name="Versie">The release version delivered.</param>
/// <param name="Ontvangst">The doel's ontvangstbevestiging.</param>
/// <param name="Samenwerkingsverband">Sent to the samenwerkingsverband (an SWV dossier), not to a school.</param>
public sealed record Verstrekking(string DoelBrin, string? DoelNaam, DateTimeOffset Op, int? Versie, Bron.Ontvangst Ontvangst, bool Samenwerkingsverband = false);

/// <summary>A terugkoppeling from the samenwerkingsverband as parents see it.</summary>
/// <param name="SwvBrin">The samenwerkingsverband.</param>
/// <param name="SwvNaam">Its name when known on this node.</param>
/// <param name="Op">When it arrived.</param>
/// <param name="Besluiten">What it decided, per school year.</param>
public sealed record Teruggekoppeld(string SwvBrin, string? SwvNaam, DateTimeOffset Op, IReadOnlyList<string> Besluiten);

/// <summary>Everything the parents' page shows.</summary>
/// <param name="LinkId">The link.</param>
/// <param name="SchoolNaam">The school.</param>
/// <param name="Sector">PO, VO, SO.</param>
/// <param name="Dossier">The dossier as it is now (the draft).</param>
/// <param name="Verstrekkingen">Every delivery to another school.</param>
/// <param name="ExpiresAt">Until when the link works.</param>
/// <param name="Leeftijd">The pupil's age today, if the birth date is known.</param>
/// <param name="RespondedAt">When they last answered.</param>
/// <param name="GegevenDoor">Who answered.</param>
public sealed record ParentView(Guid LinkId, string SchoolNaam, string Sector, Dossier.Model.Dossier Dossier, IReadOnlyList<Verstrekking> Verstrekkingen,
    DateTimeOffset ExpiresAt, int? Leeftijd, DateTimeOffset? RespondedAt, string? GegevenDoor)
{
    /// <summary>Consent (not only inzage) is asked: from VO.</summary>
    public bool AsksConsent => Sector == "VO";

    /// <summary>Whom to ask about privacy at the school (null when the school set none).</summary>
    public Privacy.PrivacyContact? Privacy { get; init; }

    /// <summary>What came back from the samenwerkingsverband.</summary>
    public IReadOnlyList<Teruggekoppeld> Terugkoppelingen { get; init; } = [];
}

/// <summary>A link as staff see it.</summary>
public sealed record ParentLinkInfo(Guid Id, string Email, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? SentAt, bool MailPending,
    DateTimeOffset? OpenedAt, DateTimeOffset? RespondedAt, string? GegevenDoor, DateTimeOffset? RevokedAt)
{
    /// <summary>Usable now.</summary>
    public bool Active(DateTimeOffset now) => RevokedAt is null && ExpiresAt > now;
}

/// <summary>
/// Parents' personal links: created by staff and mailed through the outbox; opened, viewed and answered on the parents'
/// page without an account. Every view and answer is audited as actor <c>Ouder</c> with the link's id. The token
/// travels only in the mail: stored as a hash, never logged.
/// </summary>
public sealed class ParentLinks(SchoolStore store, ProtectedDossiers crypto, PupilDataProtector protector, AuditLog audit, OutboxQueue outbox,
    BronDossiers bron, SchoolOptions options, TimeProvider time)
{
    /// <summary>
    /// Creates a link for a pupil and (when <paramref name="mail"/>) queues the mail to <paramref name="email"/>. With a
    /// <paramref name="linkId"/> the call is idempotent: a link with that id is not made (or mailed) twice.
    /// </summary>
    public async Task<ParentLinkResult> CreateAsync(string brin, Guid pupilId, string email, Actor actor, bool mail = true, Guid? linkId = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        email = (email ?? "").Trim();
        if (!StaffAccounts.IsEmail(email)) return new ParentLinkResult.Invalid("Vul een geldig e-mailadres van de ouder of verzorger in.");
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        return await store.WriteAsync<ParentLinkResult>(async db =>
        {
            if (!await db.Pupils.AnyAsync(p => p.Id == pupilId && p.Brin == brin, cancellationToken).ConfigureAwait(false)) return new ParentLinkResult.NotFound();
            if (linkId is { } given && await db.ParentLinks.AsNoTracking().FirstOrDefaultAsync(l => l.Id == given, cancellationToken).ConfigureAwait(false) is { } made)
                return made.Brin == brin && made.PupilId == pupilId ? new ParentLinkResult.Created(made.Id, null, made.ExpiresAt) : new ParentLinkResult.NotFound();
            var id = linkId ?? Guid.NewGuid();
            var now = time.GetUtcNow();
            var link = new ParentLink
            {
                Id = id, Brin = brin, PupilId = pupilId, TokenHash = Hash(token), Email = protector.ProtectText(brin, email, EmailContext(id)),
                PendingToken = mail ? protector.ProtectText(brin, token, TokenContext(id)) : null,
                CreatedAt = now, CreatedBy = actor.ToString(), ExpiresAt = now + options.ParentLinkLifetime,
            };
            db.ParentLinks.Add(link);
            if (mail)
                await outbox.EnqueueAsync(db, ParentMail.Kind, new ParentMail.Payload(id), "ouderlink:" + id, cancellationToken: cancellationToken).ConfigureAwait(false);
            await audit.RecordAsync(db, brin, actor, "ouderlink.aangemaakt", "Ouders krijgen een persoonlijke link om het dossier in te zien.",
                pupilId.ToString(), $"link={id};mail={(mail ? "ja" : "nee")}", cancellationToken).ConfigureAwait(false);
            return new ParentLinkResult.Created(id, mail ? null : token, link.ExpiresAt);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Opens a link by its token (from the mail): the link must exist, be unexpired and not revoked.</summary>
    public async Task<OpenResult> OpenAsync(string? token, CancellationToken cancellationToken = default)
    {
        token = (token ?? "").Trim();
        if (token.Length is < 20 or > 100) return new OpenResult.Unknown();
        var hash = Hash(token);
        return await store.WriteAsync<OpenResult>(async db =>
        {
            var link = await db.ParentLinks.FirstOrDefaultAsync(l => l.TokenHash == hash, cancellationToken).ConfigureAwait(false);
            if (link is null) return new OpenResult.Unknown();
            var now = time.GetUtcNow();
            if (link.RevokedAt is not null || link.ExpiresAt <= now) return new OpenResult.Expired();
            link.OpenedAt = now;
            await audit.RecordAsync(db, link.Brin, Actor.Ouder(link.Id.ToString()), "ouderlink.geopend", "Ouders openen hun persoonlijke link.",
                link.PupilId.ToString(), cancellationToken: cancellationToken).ConfigureAwait(false);
            return new OpenResult.Opened(link.Id, link.ExpiresAt);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The dossier and its deliveries for the parents' page (audited as a view by the parents), or null when the link no longer works.</summary>
    public async Task<ParentView?> ViewAsync(Guid linkId, CancellationToken cancellationToken = default) =>
        await store.WriteAsync(async db =>
        {
            var link = await ActiveAsync(db, linkId, cancellationToken).ConfigureAwait(false);
            if (link is null) return null;
            var tenant = await db.Tenants.AsNoTracking().FirstAsync(t => t.Brin == link.Brin, cancellationToken).ConfigureAwait(false);
            var draft = await db.Drafts.AsNoTracking().FirstOrDefaultAsync(d => d.PupilId == link.PupilId, cancellationToken).ConfigureAwait(false);
            if (draft is null) return null;
            var dossier = crypto.Dossier(link.Brin, draft.Xml, Contexts.Draft(link.PupilId));
            var disclosures = await (from d in db.Disclosures.AsNoTracking()
                                     join r in db.Releases.AsNoTracking() on d.ReleaseId equals r.Id into releases
                                     from r in releases.DefaultIfEmpty()
                                     where d.PupilId == link.PupilId && d.Brin == link.Brin
                                     select new { d.DoelBrin, d.At, Versie = (int?)r.Version, d.OntvangstStatus, d.OntvangenDoor, d.OntvangenOp, d.Profiel })
                                     .ToListAsync(cancellationToken).ConfigureAwait(false);
            var feedback = await db.Terugkoppelingen.AsNoTracking()
                .Where(t => t.PupilId == link.PupilId && t.Brin == link.Brin && t.Richting == Swv.TerugkoppelingRichting.Ontvangen).ToListAsync(cancellationToken).ConfigureAwait(false);
            var brins = disclosures.Select(d => d.DoelBrin).Concat(feedback.Select(t => t.PartnerBrin)).Distinct().ToList();
            var names = await db.Tenants.AsNoTracking().Where(t => brins.Contains(t.Brin)).ToDictionaryAsync(t => t.Brin, t => t.Naam, cancellationToken).ConfigureAwait(false);
            await audit.RecordAsync(db, link.Brin, Actor.Ouder(link.Id.ToString()), "dossier.ingezien", "Ouders bekijken het overstapdossier via hun persoonlijke link.",
                link.PupilId.ToString(), cancellationToken: cancellationToken).ConfigureAwait(false);
            var verstrekkingen = disclosures.OrderBy(d => d.At).Select(d => new Verstrekking(d.DoelBrin, names.GetValueOrDefault(d.DoelBrin), d.At, d.Versie,
                Bron.Ontvangst.Of(d.OntvangstStatus, d.OntvangenDoor, d.OntvangenOp), d.Profiel.EndsWith("SWV", StringComparison.Ordinal))).ToList();
            var teruggekoppeld = feedback.OrderBy(t => t.At).Select(t => new Teruggekoppeld(t.PartnerBrin, names.GetValueOrDefault(t.PartnerBrin), t.At,
                Portal.Swv.SwvOverview.Besluiten(crypto.Xml(link.Brin, t.Xml, Contexts.Terugkoppeling(t.Id))))).ToList();
            return new ParentView(link.Id, tenant.Naam, tenant.Sector is "SO" ? "PO" : tenant.Sector, dossier, verstrekkingen, link.ExpiresAt,
                Age(dossier.Huidigeschool.Leerling.Geboortedatum), link.RespondedAt, link.GegevenDoor)
            { Privacy = Oso.School.Privacy.PrivacyContact.Of(tenant), Terugkoppelingen = teruggekoppeld };
        }, cancellationToken).ConfigureAwait(false);

    /// <summary>Records the parents' (or the pupil's) answer in the draft, as actor Ouder.</summary>
    public async Task<AnswerResult> AnswerAsync(Guid linkId, ParentAnswer answer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ParentLink? link;
        string sector;
        Ouderinzage? current;
        await using (var db = store.Read())
        {
            link = await ActiveAsync(db, linkId, cancellationToken).ConfigureAwait(false);
            if (link is null) return new AnswerResult.Gone();
            sector = await db.Tenants.Where(t => t.Brin == link.Brin).Select(t => t.Sector).FirstAsync(cancellationToken).ConfigureAwait(false);
            var draft = await db.Drafts.AsNoTracking().FirstOrDefaultAsync(d => d.PupilId == link.PupilId, cancellationToken).ConfigureAwait(false);
            if (draft is null) return new AnswerResult.Gone();
            current = crypto.Dossier(link.Brin, draft.Xml, Contexts.Draft(link.PupilId)).Inzage;
        }
        var consent = sector == "VO";
        if (CheckAnswer(answer, consent) is { } refused) return refused;
        // the UTC date, as the bron service checks it (a Dutch date just after midnight would be 'in the future')
        var input = ToInzage(answer, consent, current, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        var result = await bron.RecordInzageAsync(link.Brin, link.PupilId, input, Actor.Ouder(link.Id.ToString()), cancellationToken).ConfigureAwait(false);
        switch (result)
        {
            case InzageResult.Recorded:
                await store.WriteAsync(async db =>
                {
                    var row = await db.ParentLinks.FirstAsync(l => l.Id == linkId, cancellationToken).ConfigureAwait(false);
                    row.RespondedAt = time.GetUtcNow();
                    row.GegevenDoor = consent ? answer.GegevenDoor : "ouders";
                    if (row.SentAt is not null) row.PendingToken = null; // no reminder needed: the token exists only in their mailbox now
                    await StaffNotices.QueueAsync(db, outbox, row.Brin, StaffMailEvents.Reactie, row.Id, cancellationToken).ConfigureAwait(false);
                }, cancellationToken).ConfigureAwait(false);
                return new AnswerResult.Recorded();
            case InzageResult.Invalid invalid:
                return new AnswerResult.Invalid(invalid.Reason, "akkoord");
            default:
                return new AnswerResult.Gone();
        }
    }

    /// <summary>
    /// Why the parents' answer is refused (null when it is accepted), with the form field to point at: from PO akkoord (and
    /// the zienswijze when they disagree); from VO (<paramref name="consent"/>) consent and who gives it.
    /// </summary>
    internal static AnswerResult.Invalid? CheckAnswer(ParentAnswer answer, bool consent)
    {
        var zienswijze = Zienswijze(answer);
        if (!consent && answer.Akkoord is not ("Ja" or "Nee"))
            return new AnswerResult.Invalid("Kies of u het eens bent met de inhoud van het dossier: ja of nee.", "akkoord");
        if (consent && answer.Akkoord is not (null or "" or "Ja" or "Nee"))
            return new AnswerResult.Invalid("Kies of u het eens bent met de inhoud van het dossier: ja of nee.", "akkoord");
        if (answer.Akkoord == "Nee" && zienswijze is null)
            return new AnswerResult.Invalid("Schrijf op waarom u het niet eens bent met de inhoud (uw zienswijze); die gaat mee met het dossier.", "zienswijze");
        if (zienswijze is { Length: > 4000 })
            return new AnswerResult.Invalid("Uw zienswijze is te lang: hoogstens 4000 tekens.", "zienswijze");
        if (zienswijze is not null && XmlValues.IndexOfInvalidCharacter(zienswijze) >= 0)
            return new AnswerResult.Invalid("Uw zienswijze bevat een teken dat niet kan worden opgeslagen (bijvoorbeeld een stuurteken uit een geplakte tekst). Haal het weg en probeer het opnieuw.", "zienswijze");
        if (consent && answer.GegevenDoor is not ("ouders" or "leerling"))
            return new AnswerResult.Invalid("Kies wie de toestemming geeft: de ouder of verzorger, of de leerling zelf (vanaf 16 jaar).", "gegevenDoor");
        if (consent && answer.Toestemming is not ("Ja" or "Nee"))
            return new AnswerResult.Invalid("Kies of u toestemming geeft om het dossier over te dragen aan de nieuwe school: ja of nee.", "toestemming");
        return null;
    }

    /// <summary>The inzage an accepted answer records, given what the draft holds now (<paramref name="current"/>).</summary>
    internal static InzageInput ToInzage(ParentAnswer answer, bool consent, Ouderinzage? current, DateOnly today)
    {
        var zienswijze = Zienswijze(answer);
        var akkoord = string.IsNullOrEmpty(answer.Akkoord) ? current?.Akkoord?.Value : answer.Akkoord;
        return new InzageInput(today, akkoord, akkoord == "Nee" ? zienswijze ?? current?.Redennietakkoord : null,
            consent ? answer.Toestemming : current?.Toestemming?.Value);
    }

    private static string? Zienswijze(ParentAnswer answer) => string.IsNullOrWhiteSpace(answer.Zienswijze) ? null : answer.Zienswijze.Trim();

    /// <summary>The pupil's links (e-mail addresses decrypted), newest first.</summary>
    public async Task<IReadOnlyList<ParentLinkInfo>> ListAsync(string brin, Guid pupilId, CancellationToken cancellationToken = default)
    {
        await using var db = store.Read();
        var rows = await db.ParentLinks.AsNoTracking().Where(l => l.Brin == brin && l.PupilId == pupilId).ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.OrderByDescending(l => l.CreatedAt).Select(l => new ParentLinkInfo(l.Id, protector.UnprotectText(brin, l.Email, EmailContext(l.Id)), l.CreatedAt,
            l.ExpiresAt, l.SentAt, l.SentAt is null && l.PendingToken is not null, l.OpenedAt, l.RespondedAt, l.GegevenDoor, l.RevokedAt)).ToList();
    }

    /// <summary>Revokes a link at once.</summary>
    public async Task<bool> RevokeAsync(string brin, Guid linkId, Actor actor, CancellationToken cancellationToken = default) =>
        await store.WriteAsync(async db =>
        {
            var link = await db.ParentLinks.FirstOrDefaultAsync(l => l.Id == linkId && l.Brin == brin, cancellationToken).ConfigureAwait(false);
            if (link is null) return false;
            link.RevokedAt ??= time.GetUtcNow();
            link.PendingToken = null;
            await audit.RecordAsync(db, brin, actor, "ouderlink.ingetrokken", "De persoonlijke link van ouders is ingetrokken.", link.PupilId.ToString(),
                "link=" + link.Id, cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);

    /// <summary>A link that still works, or null.</summary>
    public async Task<ParentLink?> FindActiveAsync(Guid linkId, CancellationToken cancellationToken = default)
    {
        await using var db = store.Read();
        return await ActiveAsync(db, linkId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The link when it still works (not revoked, not expired); null otherwise.</summary>
    internal async Task<ParentLink?> ActiveAsync(SchoolDbContext db, Guid linkId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var link = await db.ParentLinks.AsNoTracking().FirstOrDefaultAsync(l => l.Id == linkId, cancellationToken).ConfigureAwait(false);
        return link is not null && link.RevokedAt is null && link.ExpiresAt > now ? link : null;
    }

    private int? Age(DateOnly? born)
    {
        if (born is not { } b) return null;
        var today = DateOnly.FromDateTime(Amsterdam.Now(time).DateTime);
        var age = today.Year - b.Year;
        return b.AddYears(age) > today ? age - 1 : age;
    }

    /// <summary>The stored hash of a token.</summary>
    internal static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    internal static string EmailContext(Guid link) => "ouderlink-email:" + link;

    internal static string TokenContext(Guid link) => "ouderlink-token:" + link;
}
