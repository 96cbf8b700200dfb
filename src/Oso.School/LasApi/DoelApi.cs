using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Oso.Dossier;
using Oso.Protocol.Results;
using Oso.School.Audit;
using Oso.School.Crypto;
using Oso.School.Doel;
using Oso.School.Storage;
using Oso.School.Tenancy;
using static Oso.School.Crypto.ProtectedDossiers;

namespace Oso.School.LasApi;

/// <summary>The LAS integration API for the school as doel: aanmeldingen, requests with their trace, received dossiers, webhook.</summary>
public static class DoelApi
{
    /// <summary>Maps the endpoints under <c>/api/v1/scholen/{brin}</c>.</summary>
    public static RouteGroupBuilder MapDoelApi(this RouteGroupBuilder school)
    {
        ArgumentNullException.ThrowIfNull(school);
        school.MapPost("/aanmeldingen", Register).WithSummary("Meld een leerling aan; daarna mag het dossier worden opgevraagd.");
        school.MapPost("/aanmeldingen/{id:guid}/aanvragen", Request).WithSummary("Vraag het dossier op bij de vorige school (loopt op de achtergrond).");
        school.MapGet("/aanvragen/{id:guid}", GetRequest).WithSummary("De stand van een aanvraag met elke stap en, als iets misging, wie wat moet doen.");
        school.MapGet("/ontvangen", ListReceived).WithSummary("Ontvangen dossiers (?nieuw=true: nog niet geïmporteerd).");
        school.MapGet("/ontvangen/{id:guid}", GetReceived).WithSummary("Een ontvangen dossier: OSO-XML, of JSON met Accept: application/json.");
        school.MapGet("/ontvangen/{id:guid}/handtekening", GetSignature)
            .WithSummary("De handtekening van de bronschool (XML-DSig, ds:Signature) bij een ontvangen dossier: bewaar hem naast het dossier als NAAM.xml.sig; oso dossier verify controleert ze samen.");
        school.MapPost("/ontvangen/{id:guid}/bevestigen", Acknowledge).WithSummary("Bevestig dat het LAS het dossier heeft geïmporteerd.");
        school.MapPut("/webhook", SetWebhook).WithSummary("Stel de webhook in die wordt aangeroepen als er een dossier binnenkomt en als een aanvraag is afgerond (gelukt, geweigerd of mislukt).");
        return school;
    }

    private static async Task<IResult> Register(string brin, AanmeldingDto input, HttpContext context, Aanmeldingen aanmeldingen)
    {
        var result = await aanmeldingen.RegisterAsync(brin, new AanmeldingInput(input.Pgn, input.Geboortedatum, input.BronBrin, input.Naam, input.Overdrachtsoort),
            Actor.Las(LasAuthentication.Client(context).Id), context.RequestAborted).ConfigureAwait(false);
        return result switch
        {
            DoelResult.Ok ok => Results.Created($"/api/v1/scholen/{brin}/aanmeldingen/{ok.Id}", new { id = ok.Id }),
            DoelResult.Refused r => Problems.BadRequest(r.Reason),
            _ => Problems.NotFound("De school is niet bekend op deze node."),
        };
    }

    private static async Task<IResult> Request(string brin, Guid id, AanvragenDto? input, HttpContext context, Aanmeldingen aanmeldingen,
        LasIdempotency idempotency, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey = null)
    {
        var client = LasAuthentication.Client(context);
        var actor = Actor.Las(client.Id);
        var since = input?.AlleenGewijzigdSinds;
        DoelResult result;
        if (idempotencyKey is null)
            result = await aanmeldingen.RequestAsync(brin, id, "Las", since, actor, context.RequestAborted).ConfigureAwait(false);
        else
        {
            // a LAS that retries after a connection reset sends the same key: the same request again, not a second one
            if (LasIdempotency.Problem(idempotencyKey) is { } problem) return Problems.BadRequest(problem);
            var outcome = await idempotency.RunAsync(client, brin, idempotencyKey, LasIdempotency.RequestHash("aanvragen", id.ToString(), LasIdempotency.Part(since)),
                db => aanmeldingen.QueueRequestAsync(db, brin, id, "Las", since, actor, context.RequestAborted), context.RequestAborted).ConfigureAwait(false);
            switch (outcome)
            {
                case IdempotentResult.Conflict:
                    return Problems.IdempotencyConflict(
                        "Deze Idempotency-Key is al gebruikt voor een ander verzoek. Gebruik voor elk nieuw verzoek een nieuwe sleutel; herhaal met dezelfde sleutel alleen precies hetzelfde verzoek.");
                case IdempotentResult.Repeat repeat:
                    result = new DoelResult.Ok(repeat.RequestId);
                    break;
                default:
                    result = ((IdempotentResult.First)outcome).Result;
                    break;
            }
        }
        return result switch
        {
            DoelResult.Ok ok => Results.Accepted($"/api/v1/scholen/{brin}/aanvragen/{ok.Id}", new { id = ok.Id }),
            DoelResult.NotFound => Problems.NotFound("Geen aanmelding met dit id. Een dossier mag pas worden opgevraagd na aanmelding van de leerling."),
            DoelResult.Refused r => Problems.BadRequest(r.Reason),
            _ => Results.StatusCode(500),
        };
    }

    private static async Task<IResult> GetRequest(string brin, Guid id, HttpContext context, SchoolStore store)
    {
        await using var db = store.Read();
        var r = await db.TransferRequests.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id && x.Brin == brin, context.RequestAborted).ConfigureAwait(false);
        return r is null ? Problems.NotFound("Geen aanvraag met dit id.") : Results.Ok(ToDto(r));
    }

    internal static AanvraagDto ToDto(TransferRequest r)
    {
        var stappen = TraceStep.Parse(r.Trace);
        var toelichting = Enum.TryParse<ResultaatCode>(r.Resultaat, out var code) ? code.Info().Toelichting
            : r.Status == TransferStatus.Mislukt ? stappen.LastOrDefault()?.Toelichting // what failed and who must act
            : null;
        return new(r.Id, r.AanmeldingId, r.Status, r.Resultaat, toelichting, r.CreatedAt, r.FinishedAt, stappen, r.TraceId);
    }

    private static async Task<IResult> ListReceived(string brin, bool? nieuw, HttpContext context, SchoolStore store)
    {
        await using var db = store.Read();
        var query = db.ReceivedDossiers.AsNoTracking().Where(d => d.Brin == brin);
        if (nieuw == true) query = query.Where(d => d.ImportedAt == null);
        var list = await query.OrderBy(d => d.ReceivedAt)
            .Select(d => new { d.Id, d.AanmeldingId, d.RequestId, d.BronBrin, d.ReceivedAt, d.Valid, d.ImportedAt, d.HandtekeningStatus, d.Ondertekenaar, d.OndertekendOp, d.DossierSha256 })
            .ToListAsync(context.RequestAborted).ConfigureAwait(false);
        return Results.Ok(list.Select(d => new OntvangenDto(d.Id, d.AanmeldingId, d.RequestId, d.BronBrin, d.ReceivedAt, d.Valid, d.ImportedAt,
            Handtekening(d.HandtekeningStatus, d.Ondertekenaar, d.OndertekendOp, d.DossierSha256))).ToList());
    }

    internal static HandtekeningDto Handtekening(string status, string? ondertekenaar, DateTimeOffset? op, string? sha256) => new(status, ondertekenaar, op, sha256,
        status == HandtekeningStatus.Geldig
            ? $"Ondertekend door systeem {ondertekenaar} van de bronschool op {op:yyyy-MM-dd HH:mm} (UTC); handtekening, certificaat en afzender zijn gecontroleerd vóór het opslaan."
            : "De bronschool heeft dit dossier niet ondertekend (een OSO-systeem zonder handtekeningen); er is geen bewijs van wat zij verzond.");

    private static async Task<IResult> GetSignature(string brin, Guid id, HttpContext context, SchoolStore store, ProtectedDossiers crypto)
    {
        await using var db = store.Read();
        var d = await db.ReceivedDossiers.AsNoTracking().Where(x => x.Id == id && x.Brin == brin).Select(x => new { x.Handtekening })
            .FirstOrDefaultAsync(context.RequestAborted).ConfigureAwait(false);
        if (d is null) return Problems.NotFound("Geen ontvangen dossier met dit id.");
        if (d.Handtekening is null) return Problems.NotFound("De bronschool heeft dit dossier niet ondertekend.");
        return Results.Bytes(crypto.Xml(brin, d.Handtekening, Contexts.ReceivedHandtekening(id)), "application/xml");
    }

    private static async Task<IResult> GetReceived(string brin, Guid id, HttpContext context, SchoolStore store, ProtectedDossiers crypto, AuditLog audit)
    {
        var d = await store.WriteAsync(async db =>
        {
            var d = await db.ReceivedDossiers.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id && x.Brin == brin, context.RequestAborted).ConfigureAwait(false);
            if (d is null) return null;
            await audit.RecordAsync(db, brin, Actor.Las(LasAuthentication.Client(context).Id), "ontvangen.opgehaald", "Het LAS haalt een ontvangen dossier op voor import.",
                d.AanmeldingId.ToString(), "ontvangen=" + id, context.RequestAborted).ConfigureAwait(false);
            return d;
        }, context.RequestAborted).ConfigureAwait(false);
        if (d is null) return Problems.NotFound("Geen ontvangen dossier met dit id.");
        if (context.Request.Headers.Accept.ToString().Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            using var xml = crypto.ReceivedXml(store, d);
            return Results.Json(DossierReader.Read(xml).Document, BronApi.JsonOptions);
        }
        // streamed as it is decrypted, one chunk at a time (ADR 0014): the response never holds the whole dossier
        return Results.Stream(crypto.ReceivedXml(store, d), "application/xml");
    }

    private static async Task<IResult> Acknowledge(string brin, Guid id, HttpContext context, Aanmeldingen aanmeldingen)
    {
        var found = await aanmeldingen.AcknowledgeAsync(brin, id, Actor.Las(LasAuthentication.Client(context).Id), "Het LAS bevestigt de import van het dossier.",
            context.RequestAborted).ConfigureAwait(false);
        return found ? Results.NoContent() : Problems.NotFound("Geen ontvangen dossier met dit id.");
    }

    /// <summary>Why a webhook setting is refused (Dutch), or null.</summary>
    internal static string? CheckWebhook(WebhookDto input) =>
        input.Url is not null && (!Uri.TryCreate(input.Url, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttps)
            ? "De webhook moet een absolute https-URL zijn." : null;

    private static async Task<IResult> SetWebhook(string brin, WebhookDto input, HttpContext context, SchoolAdmin admin)
    {
        if (CheckWebhook(input) is { } refused) return Problems.BadRequest(refused);
        await admin.SetWebhookAsync(brin, LasAuthentication.Client(context).Id, input.Url, input.Geheim, context.RequestAborted).ConfigureAwait(false);
        return Results.NoContent();
    }
}
