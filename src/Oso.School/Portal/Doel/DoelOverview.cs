using Microsoft.EntityFrameworkCore;
using Oso.Dossier;
using Oso.Dossier.Validation;
using Oso.Protocol.Results;
using Oso.School.Audit;
using Oso.School.Crypto;
using Oso.School.Doel;
using Oso.School.Portal.Dossiers;
using Oso.School.Storage;
using static Oso.School.Crypto.ProtectedDossiers;

namespace Oso.School.Portal.Doel;

/// <summary>A request for a dossier, in short.</summary>
public sealed record RequestSummary(Guid Id, string Status, string? Resultaat, string? Toelichting, DateTimeOffset Aangemaakt, DateTimeOffset? Afgerond, string Trigger,
    DateTimeOffset? Aanvraagdatum, string? TraceId = null)
{
    /// <summary>Finished: with a result, or given up by the node (<see cref="TransferStatus.Mislukt"/>).</summary>
    public bool Klaar => Status is TransferStatus.Klaar or TransferStatus.Mislukt;

    /// <summary>Given up by the node: the last step says what failed and who must act.</summary>
    public bool Mislukt => Status == TransferStatus.Mislukt;

    /// <summary>The dossier arrived.</summary>
    public bool Geslaagd => Resultaat == nameof(ResultaatCode.OverdrachtGeslaagd);

    /// <summary>The status in Dutch.</summary>
    public string StatusText => Status switch
    {
        TransferStatus.Wachtrij => "in de wachtrij",
        TransferStatus.Bezig => "bezig",
        TransferStatus.Mislukt => "mislukt: afgebroken door de node",
        _ => Geslaagd ? "dossier ontvangen" : "afgerond: " + ResultaatWoorden.Kort(Resultaat),
    };

    internal static RequestSummary From(TransferRequest r) => new(r.Id, r.Status, r.Resultaat,
        ResultaatWoorden.Uitleg(r.Resultaat, Betrokkene.Doelschool), r.CreatedAt, r.FinishedAt, r.Trigger, r.Aanvraagdatum, r.TraceId);
}

/// <summary>An aanmelding in the school's list.</summary>
public sealed record AanmeldingRow(Guid Id, PupilIdentity Identity, string BronBrin, string? BronNaam, DateTimeOffset Aangemeld, RequestSummary? Laatste, int Ontvangen,
    bool AllesGeimporteerd);

/// <summary>A received dossier in a list.</summary>
public sealed record ReceivedRow(Guid Id, Guid AanmeldingId, Guid AanvraagId, string Naam, string BronBrin, string? BronNaam, DateTimeOffset Ontvangen, bool Geldig,
    DateTimeOffset? Geimporteerd);

/// <summary>An aanmelding with its requests and received dossiers.</summary>
public sealed record AanmeldingDetail(AanmeldingRow Row, string Overdrachtsoort, IReadOnlyList<RequestSummary> Aanvragen, IReadOnlyList<ReceivedRow> Ontvangen);

/// <summary>A received dossier to read.</summary>
/// <param name="Row">The facts.</param>
/// <param name="Dossier">The dossier, when it could be read into the model.</param>
/// <param name="Meldingen">The validation messages at arrival.</param>
public sealed record ReceivedDetail(ReceivedRow Row, Dossier.Model.Dossier? Dossier, IReadOnlyList<Melding> Meldingen);

/// <summary>A request's steps.</summary>
public sealed record TraceView(RequestSummary Request, Guid AanmeldingId, string BronBrin, string? BronNaam, IReadOnlyList<TraceStep> Stappen);

/// <summary>
/// The school as doel, for staff: aanmeldingen, the requests made for them with every protocol step, and the dossiers
/// received. Reads what <see cref="Aanmeldingen"/> and <see cref="TransferRunner"/> store; views of pupil data are audited.
/// </summary>
public sealed class DoelOverview(SchoolStore store, ProtectedDossiers crypto, AuditLog audit)
{
    /// <summary>The school's aanmeldingen, newest first.</summary>
    public async Task<IReadOnlyList<AanmeldingRow>> AanmeldingenAsync(string brin, Actor actor, CancellationToken cancellationToken = default) =>
        await store.WriteAsync<IReadOnlyList<AanmeldingRow>>(async db =>
        {
            var rows = await RowsAsync(db, brin, null, cancellationToken).ConfigureAwait(false);
            await audit.RecordAsync(db, brin, actor, "aanmeldingen.lijst", "Een medewerker bekijkt de lijst met aanmeldingen.", detail: "getoond=" + rows.Count,
                cancellationToken: cancellationToken).ConfigureAwait(false);
            return rows;
        }, cancellationToken).ConfigureAwait(false);

    /// <summary>One aanmelding (audited), or null.</summary>
    public async Task<AanmeldingDetail?> AanmeldingAsync(string brin, Guid id, Actor actor, CancellationToken cancellationToken = default) =>
        await store.WriteAsync(async db =>
        {
            var row = (await RowsAsync(db, brin, id, cancellationToken).ConfigureAwait(false)).SingleOrDefault();
            if (row is null) return null;
            var soort = await db.Aanmeldingen.Where(a => a.Id == id).Select(a => a.Overdrachtsoort).FirstAsync(cancellationToken).ConfigureAwait(false);
            var requests = await db.TransferRequests.AsNoTracking().Where(r => r.Brin == brin && r.AanmeldingId == id).ToListAsync(cancellationToken).ConfigureAwait(false);
            var received = await ReceivedRowsAsync(db, brin, id, false, cancellationToken).ConfigureAwait(false);
            await audit.RecordAsync(db, brin, actor, "aanmelding.ingezien", "Een medewerker bekijkt een aanmelding.", id.ToString(), cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            return new AanmeldingDetail(row, soort, requests.OrderByDescending(r => r.CreatedAt).Select(RequestSummary.From).ToList(), received);
        }, cancellationToken).ConfigureAwait(false);

    /// <summary>A request's trace (no personal data in it), or null.</summary>
    public async Task<TraceView?> TraceAsync(string brin, Guid requestId, CancellationToken cancellationToken = default)
    {
        await using var db = store.Read();
        var request = await db.TransferRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == requestId && r.Brin == brin, cancellationToken).ConfigureAwait(false);
        if (request is null) return null;
        var bron = await db.Aanmeldingen.AsNoTracking().Where(a => a.Id == request.AanmeldingId).Select(a => a.BronBrin).FirstAsync(cancellationToken).ConfigureAwait(false);
        var names = await DossierOverview.SchoolNamesAsync(db, [bron], cancellationToken).ConfigureAwait(false);
        return new TraceView(RequestSummary.From(request), request.AanmeldingId, bron, names.GetValueOrDefault(bron), TraceStep.Parse(request.Trace));
    }

    /// <summary>Received dossiers (only those not imported yet when <paramref name="onlyNew"/>), newest first.</summary>
    public async Task<IReadOnlyList<ReceivedRow>> ReceivedAsync(string brin, bool onlyNew, Actor actor, CancellationToken cancellationToken = default) =>
        await store.WriteAsync<IReadOnlyList<ReceivedRow>>(async db =>
        {
            var rows = await ReceivedRowsAsync(db, brin, null, onlyNew, cancellationToken).ConfigureAwait(false);
            await audit.RecordAsync(db, brin, actor, "ontvangen.lijst", "Een medewerker bekijkt de ontvangen dossiers.", detail: "getoond=" + rows.Count,
                cancellationToken: cancellationToken).ConfigureAwait(false);
            return rows;
        }, cancellationToken).ConfigureAwait(false);

    /// <summary>One received dossier to read (audited), or null.</summary>
    public async Task<ReceivedDetail?> ReceivedAsync(string brin, Guid id, Actor actor, CancellationToken cancellationToken = default) =>
        await store.WriteAsync(async db =>
        {
            var d = await db.ReceivedDossiers.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id && x.Brin == brin, cancellationToken).ConfigureAwait(false);
            if (d is null) return null;
            var row = (await ReceivedRowsAsync(db, brin, d.AanmeldingId, false, cancellationToken).ConfigureAwait(false)).Single(r => r.Id == id);
            Dossier.Model.Dossier? dossier;
            using (var xml = crypto.ReceivedXml(store, d))
                dossier = DossierReader.Read(xml, cancellationToken: cancellationToken).Dossier;
            var meldingen = crypto.Json<List<Melding>>(brin, d.Meldingen, Contexts.ReceivedMeldingen(id));
            await audit.RecordAsync(db, brin, actor, "ontvangen.ingezien", "Een medewerker leest een ontvangen overstapdossier.", d.AanmeldingId.ToString(),
                "ontvangen=" + id, cancellationToken).ConfigureAwait(false);
            return new ReceivedDetail(row, dossier, meldingen);
        }, cancellationToken).ConfigureAwait(false);

    private async Task<List<AanmeldingRow>> RowsAsync(SchoolDbContext db, string brin, Guid? only, CancellationToken cancellationToken)
    {
        var aanmeldingen = await db.Aanmeldingen.AsNoTracking().Where(a => a.Brin == brin && (only == null || a.Id == only)).ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        var ids = aanmeldingen.Select(a => a.Id).ToList();
        var requests = (await db.TransferRequests.AsNoTracking().Where(r => r.Brin == brin && (only == null || r.AanmeldingId == only)).ToListAsync(cancellationToken)
                .ConfigureAwait(false))
            .GroupBy(r => r.AanmeldingId).ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.CreatedAt).First());
        var received = (await db.ReceivedDossiers.AsNoTracking().Where(d => d.Brin == brin && (only == null || d.AanmeldingId == only))
                .Select(d => new { d.AanmeldingId, d.ImportedAt }).ToListAsync(cancellationToken).ConfigureAwait(false))
            .GroupBy(d => d.AanmeldingId).ToDictionary(g => g.Key, g => (Count: g.Count(), AllImported: g.All(d => d.ImportedAt != null)));
        var names = await DossierOverview.SchoolNamesAsync(db, aanmeldingen.Select(a => a.BronBrin), cancellationToken).ConfigureAwait(false);
        return aanmeldingen.OrderByDescending(a => a.CreatedAt).Select(a =>
        {
            var r = received.GetValueOrDefault(a.Id);
            return new AanmeldingRow(a.Id, crypto.Json<PupilIdentity>(brin, a.Identity, Contexts.AanmeldingIdentity(a.Id)), a.BronBrin, names.GetValueOrDefault(a.BronBrin),
                a.CreatedAt, requests.TryGetValue(a.Id, out var last) ? RequestSummary.From(last) : null, r.Count, r.Count > 0 && r.AllImported);
        }).ToList();
    }

    private async Task<List<ReceivedRow>> ReceivedRowsAsync(SchoolDbContext db, string brin, Guid? aanmelding, bool onlyNew, CancellationToken cancellationToken)
    {
        var rows = await db.ReceivedDossiers.AsNoTracking()
            .Where(d => d.Brin == brin && (aanmelding == null || d.AanmeldingId == aanmelding) && (!onlyNew || d.ImportedAt == null))
            .Select(d => new { d.Id, d.AanmeldingId, d.RequestId, d.BronBrin, d.ReceivedAt, d.Valid, d.ImportedAt }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var ids = rows.Select(r => r.AanmeldingId).Distinct().ToList();
        var identities = (await db.Aanmeldingen.AsNoTracking().Where(a => ids.Contains(a.Id)).Select(a => new { a.Id, a.Identity }).ToListAsync(cancellationToken)
                .ConfigureAwait(false))
            .ToDictionary(a => a.Id, a => crypto.Json<PupilIdentity>(brin, a.Identity, Contexts.AanmeldingIdentity(a.Id)).Naam);
        var names = await DossierOverview.SchoolNamesAsync(db, rows.Select(r => r.BronBrin), cancellationToken).ConfigureAwait(false);
        return rows.OrderByDescending(r => r.ReceivedAt).Select(r => new ReceivedRow(r.Id, r.AanmeldingId, r.RequestId, identities.GetValueOrDefault(r.AanmeldingId) ?? "",
            r.BronBrin, names.GetValueOrDefault(r.BronBrin), r.ReceivedAt, r.Valid, r.ImportedAt)).ToList();
    }
}
