using Microsoft.EntityFrameworkCore;
using Oso.Dossier.Identifiers;
using Oso.Protocol.Messages;
using Oso.School.Audit;
using Oso.School.Crypto;
using Oso.School.Outbox;
using Oso.School.Storage;
using static Oso.School.Crypto.ProtectedDossiers;

namespace Oso.School.Doel;

/// <summary>A new pupil's registration as staff or the LAS enter it.</summary>
/// <param name="Pgn">BSN or onderwijsnummer.</param>
/// <param name="Geboortedatum">Birth date.</param>
/// <param name="BronBrin">The school the pupil comes from.</param>
/// <param name="Naam">Name (optional, for people).</param>
/// <param name="Overdrachtsoort">overstapdossier (default) or overdrachtbinnenbrin.</param>
public sealed record AanmeldingInput(string Pgn, DateOnly Geboortedatum, string BronBrin, string? Naam = null, string? Overdrachtsoort = null);

/// <summary>The outcome of registering or requesting.</summary>
public abstract record DoelResult
{
    private DoelResult()
    {
    }

    /// <summary>Done.</summary>
    /// <param name="Id">The aanmelding or request.</param>
    public sealed record Ok(Guid Id) : DoelResult;

    /// <summary>Not found (no such aanmelding).</summary>
    public sealed record NotFound : DoelResult;

    /// <summary>Refused (Dutch reason).</summary>
    /// <param name="Reason">Why.</param>
    public sealed record Refused(string Reason) : DoelResult;
}

/// <summary>The school as doel: aanmeldingen and requests for dossiers (the transfer itself runs in <see cref="TransferRunner"/>).</summary>
public sealed class Aanmeldingen(SchoolStore store, ProtectedDossiers crypto, AuditLog audit, OutboxQueue outbox, TimeProvider time)
{
    /// <summary>Registers a pupil. Only after aanmelding may the school ask for the dossier.</summary>
    public async Task<DoelResult> RegisterAsync(string brin, AanmeldingInput input, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (Check(input, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), out _, out _, out _) is { } refused) return refused;
        return await store.WriteAsync<DoelResult>(async db =>
        {
            if (!await db.Tenants.AnyAsync(t => t.Brin == brin, cancellationToken).ConfigureAwait(false)) return new DoelResult.NotFound();
            return new DoelResult.Ok(await AddAsync(db, brin, input, actor, cancellationToken).ConfigureAwait(false));
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Registers many pupils at once (a list), all or none: one refused row refuses the whole list and creates nothing.
    /// When <paramref name="request"/>, each pupil's dossier is requested too, in the same transaction.
    /// </summary>
    /// <returns>The aanmeldingen made (in the list's order), or the first refusal with its row (1-based).</returns>
    public async Task<(IReadOnlyList<Guid> Ids, (int Row, string Reason)? Refused)> RegisterManyAsync(string brin, IReadOnlyList<AanmeldingInput> inputs, bool request,
        Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        for (var i = 0; i < inputs.Count; i++)
            if (Check(inputs[i], today, out _, out _, out _) is { } refused) return ([], (i + 1, refused.Reason));
        return await store.WriteAsync<(IReadOnlyList<Guid>, (int, string)?)>(async db =>
        {
            if (!await db.Tenants.AnyAsync(t => t.Brin == brin, cancellationToken).ConfigureAwait(false)) return ([], (0, "Deze school staat niet op de node."));
            var ids = new List<Guid>();
            foreach (var input in inputs)
            {
                var id = await AddAsync(db, brin, input, actor, cancellationToken).ConfigureAwait(false);
                if (request) await QueueRequestAsync(db, brin, id, "Medewerker", null, actor, cancellationToken).ConfigureAwait(false);
                ids.Add(id);
            }
            return (ids, null);
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<Guid> AddAsync(SchoolDbContext db, string brin, AanmeldingInput input, Actor actor, CancellationToken cancellationToken)
    {
        var pgn = Pgn.Parse(input.Pgn);
        var bron = Brin.Parse(input.BronBrin);
        var id = Guid.NewGuid();
        db.Aanmeldingen.Add(new Aanmelding
        {
            Id = id, Brin = brin, PgnIndex = crypto.Index(brin, "pgn", pgn.Value),
            Identity = crypto.ProtectJson(brin, new PupilIdentity(input.Naam ?? "", input.Geboortedatum, pgn.Value), Contexts.AanmeldingIdentity(id)),
            BronBrin = bron.Value, Overdrachtsoort = input.Overdrachtsoort ?? "overstapdossier", CreatedAt = time.GetUtcNow(), CreatedBy = actor.ToString(),
        });
        await audit.RecordAsync(db, brin, actor, "aanmelding.geregistreerd", "Een leerling is aangemeld; daarna mag de school het dossier opvragen.",
            id.ToString(), "bron=" + bron.Value, cancellationToken).ConfigureAwait(false);
        return id;
    }

    /// <summary>Why an aanmelding is refused (null when it is accepted), with the values it stores.</summary>
    internal static DoelResult.Refused? Check(AanmeldingInput input, DateOnly today, out Pgn pgn, out Brin bron, out string soort)
    {
        bron = default;
        soort = input.Overdrachtsoort ?? "overstapdossier";
        if (!Pgn.TryParse(input.Pgn, out pgn)) return new DoelResult.Refused("Het BSN of onderwijsnummer is ongeldig (het voldoet niet aan de elfproef).");
        if (!Brin.TryParse(input.BronBrin, out bron)) return new DoelResult.Refused($"'{input.BronBrin}' is geen BRIN-nummer (twee cijfers en twee hoofdletters).");
        if (!OverdrachtsoortNames.TryParse(soort, out var parsed) || parsed == Overdrachtsoort.SwvDossier)
            return new DoelResult.Refused("De soort overdracht is overstapdossier of overdrachtbinnenbrin.");
        if (input.Geboortedatum > today) return new DoelResult.Refused("De geboortedatum ligt in de toekomst.");
        return null;
    }

    /// <summary>Asks for the dossier of an aanmelding (runs in the background; follow it with the request's trace).</summary>
    /// <param name="brin">The doel school.</param>
    /// <param name="aanmeldingId">The aanmelding.</param>
    /// <param name="trigger">Medewerker, Las or Notificatie.</param>
    /// <param name="aanvraagdatum">Ask only for a dossier released after this moment.</param>
    /// <param name="actor">Who asks.</param>
    /// <param name="cancellationToken">Cancels.</param>
    public async Task<DoelResult> RequestAsync(string brin, Guid aanmeldingId, string trigger, DateTimeOffset? aanvraagdatum, Actor actor,
        CancellationToken cancellationToken = default) =>
        await store.WriteAsync(db => QueueRequestAsync(db, brin, aanmeldingId, trigger, aanvraagdatum, actor, cancellationToken), cancellationToken).ConfigureAwait(false);

    /// <summary>Queues a request inside the caller's transaction.</summary>
    internal async Task<DoelResult> QueueRequestAsync(SchoolDbContext db, string brin, Guid aanmeldingId, string trigger, DateTimeOffset? aanvraagdatum,
        Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var aanmelding = await db.Aanmeldingen.AsNoTracking().FirstOrDefaultAsync(a => a.Id == aanmeldingId && a.Brin == brin, cancellationToken).ConfigureAwait(false);
        if (aanmelding is null) return new DoelResult.NotFound();
        var id = Guid.NewGuid();
        var now = time.GetUtcNow();
        db.TransferRequests.Add(new TransferRequest
        {
            Id = id, Brin = brin, AanmeldingId = aanmeldingId, Trigger = trigger, Aanvraagdatum = aanvraagdatum, Status = TransferStatus.Wachtrij,
            CreatedAt = now,
            TraceId = Oso.Hosting.Telemetry.OsoTelemetry.CurrentTraceId,
            Trace = TraceStep.Write([new TraceStep(now, "Aanvraag", "Doelschool " + brin, null,
                trigger == "Notificatie" ? "De bronschool meldde dat het dossier nu beschikbaar is; het wordt opnieuw opgevraagd." : "Het dossier wordt opgevraagd.", null, true)]),
        });
        await outbox.EnqueueAsync(db, TransferRunner.Kind, new TransferRunner.Payload(id), "transfer:" + id, cancellationToken: cancellationToken).ConfigureAwait(false);
        await audit.RecordAsync(db, brin, actor, "dossier.opgevraagd", "Het dossier van een aangemelde leerling wordt opgevraagd bij de vorige school.",
            aanmeldingId.ToString(), "bron=" + aanmelding.BronBrin, cancellationToken).ConfigureAwait(false);
        return new DoelResult.Ok(id);
    }

    /// <summary>Confirms that a received dossier was imported (by the LAS, or marked by staff); false when the school has no such dossier.</summary>
    public async Task<bool> AcknowledgeAsync(string brin, Guid receivedId, Actor actor, string purpose, CancellationToken cancellationToken = default) =>
        await store.WriteAsync(async db =>
        {
            var d = await db.ReceivedDossiers.FirstOrDefaultAsync(x => x.Id == receivedId && x.Brin == brin, cancellationToken).ConfigureAwait(false);
            if (d is null) return false;
            d.ImportedAt ??= time.GetUtcNow();
            await audit.RecordAsync(db, brin, actor, "ontvangen.geimporteerd", purpose, d.AanmeldingId.ToString(), "ontvangen=" + receivedId, cancellationToken)
                .ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
}

/// <summary>The states of a <see cref="TransferRequest"/>.</summary>
public static class TransferStatus
{
    /// <summary>Queued.</summary>
    public const string Wachtrij = "Wachtrij";
    /// <summary>Running.</summary>
    public const string Bezig = "Bezig";
    /// <summary>Finished (see the result).</summary>
    public const string Klaar = "Klaar";
    /// <summary>
    /// Given up by the node (the Traffic Center or the bron stayed unreachable, or the node kept failing): final; the last
    /// trace step says what failed and who must act. No result code: the afmelding may not have been made.
    /// </summary>
    public const string Mislukt = "Mislukt";
}
