using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Oso.School.Audit;
using Oso.School.Bron;
using Oso.School.Crypto;
using Oso.School.Doel;
using Oso.School.Storage;
using Oso.School.Swv;
using static Oso.School.Crypto.ProtectedDossiers;

namespace Oso.School.LasApi;

/// <summary>Choose the SWV for a pupil's dossier.</summary>
/// <param name="SwvBrin">The samenwerkingsverband's BRIN code.</param>
public sealed record NaarSwvDto(string SwvBrin);

/// <summary>An SWV dossier the school sent, with every step.</summary>
/// <param name="Id">Id.</param>
/// <param name="SwvBrin">The samenwerkingsverband.</param>
/// <param name="Profiel">POSWV or VOSWV.</param>
/// <param name="Status">Wachtrij, Gemeld, Opgehaald or Mislukt.</param>
/// <param name="Resultaat">The last code, if any.</param>
/// <param name="Aangemaakt">When chosen.</param>
/// <param name="OpgehaaldOp">When the SWV fetched it.</param>
/// <param name="Stappen">The trace.</param>
public sealed record SwvVerzendingDto(Guid Id, string SwvBrin, string Profiel, string Status, string? Resultaat, DateTimeOffset Aangemaakt,
    DateTimeOffset? OpgehaaldOp, IReadOnlyList<TraceStep> Stappen);

/// <summary>An SWV dossier received by the SWV.</summary>
/// <param name="Id">Id.</param>
/// <param name="SchoolBrin">The sending school.</param>
/// <param name="Status">Wachtrij, Ontvangen or Mislukt.</param>
/// <param name="Resultaat">The beste resultaat.</param>
/// <param name="Geldig">Valid by the official standard (XSD and PaO rules).</param>
/// <param name="GemeldOp">When notified.</param>
/// <param name="OntvangenOp">When it arrived.</param>
/// <param name="Stappen">The trace.</param>
/// <param name="Handtekening">The school's signature over the dossier: checked before it was stored, or absent.</param>
public sealed record SwvDossierDto(Guid Id, string SchoolBrin, string Status, string? Resultaat, bool Geldig, DateTimeOffset GemeldOp,
    DateTimeOffset? OntvangenOp, IReadOnlyList<TraceStep> Stappen, HandtekeningDto? Handtekening);

/// <summary>A terugkoppeling sent or received.</summary>
/// <param name="Id">Id.</param>
/// <param name="Richting">Verstuurd (SWV) or Ontvangen (school).</param>
/// <param name="PartnerBrin">The school (sent) or the SWV (received).</param>
/// <param name="UitwisselingId">The SWV dossier it is about.</param>
/// <param name="Resultaat">The answer.</param>
/// <param name="Op">When.</param>
public sealed record TerugkoppelingDto(Guid Id, string Richting, string PartnerBrin, Guid UitwisselingId, string Resultaat, DateTimeOffset Op);

/// <summary>The answer to sending a terugkoppeling (one attempt; send again by hand when it failed).</summary>
/// <param name="Id">The stored attempt, if anything was sent.</param>
/// <param name="Verstuurd">True when the school acknowledged it.</param>
/// <param name="Resultaat">The code.</param>
/// <param name="Toelichting">What happened and who must act.</param>
/// <param name="Meldingen">Why the document is invalid, if so.</param>
public sealed record TerugkoppelingVerstuurdDto(Guid? Id, bool Verstuurd, string Resultaat, string Toelichting, IReadOnlyList<MeldingDto> Meldingen);

/// <summary>
/// The LAS integration API for the SWV flow. School: send a pupil's released dossier to its SWV and follow it, read the
/// terugkoppelingen that came back. SWV: list and fetch the SWV dossiers received, send a terugkoppeling.
/// </summary>
public static class SwvApi
{
    /// <summary>Maps the endpoints under <c>/api/v1/scholen/{brin}</c>.</summary>
    public static RouteGroupBuilder MapSwvApi(this RouteGroupBuilder school)
    {
        ArgumentNullException.ThrowIfNull(school);
        school.MapPost("/leerlingen/{lasId}/swv", Send).WithSummary("Stuur het vrijgegeven dossier naar het samenwerkingsverband (swv-dossier met koppelsleutel; loopt op de achtergrond).")
            .Produces<SwvVerzendingDto>(202);
        school.MapGet("/swv-verzendingen/{id:guid}", GetSending).WithSummary("De stand van een swv-dossier dat de school verstuurde, met elke stap.");
        school.MapGet("/terugkoppelingen", ListFeedback).WithSummary("Terugkoppelingen: ontvangen van het samenwerkingsverband (school) of verstuurd (samenwerkingsverband).");
        school.MapGet("/terugkoppelingen/{id:guid}", GetFeedback).WithSummary("Eén terugkoppeling als OSO-XML (element terugkoppeling).");
        school.MapGet("/swv-dossiers", ListReceipts).WithSummary("Samenwerkingsverband: de gemelde en ontvangen swv-dossiers en hun stand.");
        school.MapGet("/swv-dossiers/{id:guid}", GetReceipt).WithSummary("Samenwerkingsverband: een ontvangen swv-dossier als OSO-XML.");
        school.MapGet("/swv-dossiers/{id:guid}/handtekening", GetReceiptSignature)
            .WithSummary("Samenwerkingsverband: de handtekening van de school (XML-DSig, ds:Signature) bij een ontvangen swv-dossier; oso dossier verify controleert ze samen.");
        school.MapPost("/swv-dossiers/{id:guid}/terugkoppeling", SendFeedback)
            .WithSummary("Samenwerkingsverband: stuur een terugkoppeling (OSO-XML, element terugkoppeling) naar de school. Eén poging, geen automatische herhaling.")
            .Accepts<string>("application/xml").Produces<TerugkoppelingVerstuurdDto>();
        return school;
    }

    private static async Task<IResult> Send(string brin, string lasId, NaarSwvDto input, HttpContext context, BronDossiers bron, SwvDossiers swv, SchoolStore store)
    {
        var pupil = await bron.FindPupilAsync(brin, lasId, context.RequestAborted).ConfigureAwait(false);
        if (pupil is null) return Problems.NotFound("Geen dossier voor deze leerling.");
        var result = await swv.SendAsync(brin, pupil.Value, input?.SwvBrin ?? "", Actor.Las(LasAuthentication.Client(context).Id), context.RequestAborted).ConfigureAwait(false);
        switch (result)
        {
            case SwvSendResult.Queued q:
                await using (var db = store.Read())
                {
                    var row = await db.SwvSendings.AsNoTracking().FirstAsync(s => s.Id == q.Id, context.RequestAborted).ConfigureAwait(false);
                    return Results.Accepted($"/api/v1/scholen/{brin}/swv-verzendingen/{q.Id}", ToDto(row));
                }
            case SwvSendResult.NotFound n:
                return Problems.NotFound(n.Reason);
            case SwvSendResult.NotAllowed n when n.Meldingen.Count > 0:
                return Problems.Unprocessable(n.Reason, new { meldingen = n.Meldingen.Select(MeldingDto.From).ToList() });
            case SwvSendResult.NotAllowed n:
                return Problems.Conflict(n.Reason);
            default:
                return Results.StatusCode(500);
        }
    }

    private static async Task<IResult> GetSending(string brin, Guid id, HttpContext context, SchoolStore store)
    {
        await using var db = store.Read();
        var row = await db.SwvSendings.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id && s.Brin == brin, context.RequestAborted).ConfigureAwait(false);
        return row is null ? Problems.NotFound("Geen swv-verzending met dit id.") : Results.Ok(ToDto(row));
    }

    private static SwvVerzendingDto ToDto(SwvSending s) =>
        new(s.Id, s.SwvBrin, s.Profiel, s.Status, s.Resultaat, s.CreatedAt, s.FetchedAt, TraceStep.Parse(s.Trace));

    private static async Task<IResult> ListFeedback(string brin, HttpContext context, SchoolStore store)
    {
        await using var db = store.Read();
        var rows = await db.Terugkoppelingen.AsNoTracking().Where(t => t.Brin == brin).OrderBy(t => t.At)
            .Select(t => new TerugkoppelingDto(t.Id, t.Richting, t.PartnerBrin, t.ExchangeId, t.Resultaat, t.At)).ToListAsync(context.RequestAborted).ConfigureAwait(false);
        return Results.Ok(rows);
    }

    private static async Task<IResult> GetFeedback(string brin, Guid id, HttpContext context, SchoolStore store, ProtectedDossiers crypto, AuditLog audit)
    {
        var xml = await store.WriteAsync(async db =>
        {
            var t = await db.Terugkoppelingen.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id && x.Brin == brin, context.RequestAborted).ConfigureAwait(false);
            if (t is null) return null;
            await audit.RecordAsync(db, brin, Actor.Las(LasAuthentication.Client(context).Id), "terugkoppeling.opgehaald", "Het LAS haalt een terugkoppeling op.",
                t.PupilId?.ToString() ?? t.ExchangeId.ToString(), "terugkoppeling=" + id, context.RequestAborted).ConfigureAwait(false);
            return crypto.Xml(brin, t.Xml, Contexts.Terugkoppeling(id));
        }, context.RequestAborted).ConfigureAwait(false);
        return xml is null ? Problems.NotFound("Geen terugkoppeling met dit id.") : Results.Bytes(xml, "application/xml");
    }

    private static async Task<IResult> ListReceipts(string brin, HttpContext context, SchoolStore store)
    {
        await using var db = store.Read();
        var rows = await db.SwvReceipts.AsNoTracking().Where(r => r.Brin == brin).OrderBy(r => r.NotifiedAt).ToListAsync(context.RequestAborted).ConfigureAwait(false);
        return Results.Ok(rows.Select(r => new SwvDossierDto(r.Id, r.SchoolBrin, r.Status, r.Resultaat, r.Valid, r.NotifiedAt, r.ReceivedAt, TraceStep.Parse(r.Trace),
            r.Xml is null ? null : DoelApi.Handtekening(r.HandtekeningStatus, r.Ondertekenaar, r.OndertekendOp, r.DossierSha256))).ToList());
    }

    private static async Task<IResult> GetReceiptSignature(string brin, Guid id, HttpContext context, SchoolStore store, ProtectedDossiers crypto)
    {
        await using var db = store.Read();
        var r = await db.SwvReceipts.AsNoTracking().Where(x => x.Id == id && x.Brin == brin).Select(x => new { x.Handtekening })
            .FirstOrDefaultAsync(context.RequestAborted).ConfigureAwait(false);
        if (r is null) return Problems.NotFound("Geen ontvangen swv-dossier met dit id.");
        if (r.Handtekening is null) return Problems.NotFound("De school heeft dit swv-dossier niet ondertekend.");
        return Results.Bytes(crypto.Xml(brin, r.Handtekening, Contexts.SwvReceivedHandtekening(id)), "application/xml");
    }

    private static async Task<IResult> GetReceipt(string brin, Guid id, HttpContext context, SchoolStore store, ProtectedDossiers crypto, AuditLog audit)
    {
        var xml = await store.WriteAsync(async db =>
        {
            var r = await db.SwvReceipts.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id && x.Brin == brin, context.RequestAborted).ConfigureAwait(false);
            if (r?.Xml is null) return null;
            await audit.RecordAsync(db, brin, Actor.Las(LasAuthentication.Client(context).Id), "ontvangen.opgehaald", "Het LAS haalt een ontvangen swv-dossier op.",
                id.ToString(), "swv-dossier=" + id, context.RequestAborted).ConfigureAwait(false);
            return crypto.Xml(brin, r.Xml, Contexts.SwvReceived(id));
        }, context.RequestAborted).ConfigureAwait(false);
        return xml is null ? Problems.NotFound("Geen ontvangen swv-dossier met dit id.") : Results.Bytes(xml, "application/xml");
    }

    private static async Task<IResult> SendFeedback(string brin, Guid id, HttpContext context, SwvFeedback feedback)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        var result = await feedback.SendAsync(brin, id, buffer.ToArray(), Actor.Las(LasAuthentication.Client(context).Id), context.RequestAborted).ConfigureAwait(false);
        if (result is null) return Problems.NotFound("Geen ontvangen swv-dossier met dit id.");
        var dto = new TerugkoppelingVerstuurdDto(result.Id, result.Verstuurd, result.Resultaat, result.Toelichting, result.Meldingen.Select(MeldingDto.From).ToList());
        if (result.Id is null) return Problems.Unprocessable(result.Toelichting, new { meldingen = dto.Meldingen });
        return Results.Ok(dto);
    }
}
