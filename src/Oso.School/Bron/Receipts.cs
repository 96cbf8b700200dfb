using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Oso.Protocol.Identifiers;
using Oso.Protocol.Proofs;
using Oso.School.Audit;
using Oso.School.Protocol;
using Oso.School.Storage;

namespace Oso.School.Bron;

/// <summary>How a bron answered an ontvangstbevestiging.</summary>
public enum ReceiptResult
{
    /// <summary>Checked and kept (or kept before: a repeat changes nothing).</summary>
    Bevestigd,

    /// <summary>Not a receipt of our form.</summary>
    Onleesbaar,

    /// <summary>No dossier was sent from this aanleverpunt's school to that school in that session.</summary>
    Onbekend,

    /// <summary>The caller is not the doel system of that session.</summary>
    NietBevoegd,

    /// <summary>From the session's doel system, but the check failed: other bytes, signature, certificate.</summary>
    Ongeldig,
}

/// <summary>The answer to one receipt: the result and why, in Dutch (no pupil data).</summary>
public sealed record ReceiptOutcome(ReceiptResult Result, string Omschrijving);

/// <summary>
/// The bron's side of the signed ontvangstbevestiging (issue 17 §2, docs/protocol.md §4b): the doel signs "I, system X,
/// received the dossier with this SHA-256 in this session at this time" and posts it to the bron's aanleverpunt. The
/// bron accepts it only from the doel system the Traffic Center named for that session, checks it against the digest it
/// kept on its <see cref="Disclosure"/> (signature, certificate and revocations, signer, session, schools), and keeps
/// it with its status. A receipt that fails is kept as <see cref="OntvangstStatus.Ongeldig"/> unless one was confirmed before.
/// </summary>
public sealed class Receipts(SchoolStore store, AuditLog audit, NodeConnections connections, ILogger<Receipts> logger)
{
    /// <summary>The audit action of a confirmed receipt.</summary>
    public const string Confirmed = "ontvangst.bevestigd";

    /// <summary>The audit action of a receipt whose check failed.</summary>
    public const string Invalid = "ontvangst.ongeldig";

    /// <summary>Handles the body of one POST to <c>…/aanleverpunt/{rk}/ontvangstbevestiging</c> from <paramref name="caller"/>.</summary>
    public async Task<ReceiptOutcome> ReceiveAsync(string aanleverpunt, ReadOnlyMemory<byte> body, SysteemId? caller, CancellationToken cancellationToken = default)
    {
        if (!Handtekening.TryCreate(body, out var handtekening, out var reden)) return new(ReceiptResult.Onleesbaar, reden);
        if (Bewijzen.LeesVerklaring(handtekening) is not { Soort: VerklaringSoort.Ontvangst } verklaring)
            return new(ReceiptResult.Onleesbaar, "Dit is geen ontvangstbevestiging: een XML-DSig-handtekening met één ontvangstverklaring.");
        string? brin;
        await using (var db = store.Read())
            brin = await db.Aanleverpunten.AsNoTracking().Where(a => a.RouteringsKenmerk == aanleverpunt && a.Active).Select(a => a.Brin)
                .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (brin is null || brin != verklaring.BronBrin.Value)
            return new(ReceiptResult.Onbekend, "Deze bevestiging noemt een andere bronschool dan die van dit aanleverpunt.");

        return await store.WriteAsync(async db =>
        {
            var sessie = verklaring.SessieId.Value;
            var candidates = await db.Disclosures.Where(d => d.Brin == brin && d.SessieId == sessie && d.DoelBrin == verklaring.DoelBrin.Value)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            var disclosure = candidates.FirstOrDefault(d => d.DossierSha256 == verklaring.DossierSha256Hex) ?? candidates.OrderByDescending(d => d.At).FirstOrDefault();
            if (disclosure is null)
                return new ReceiptOutcome(ReceiptResult.Onbekend, "In deze sessie is geen dossier aan deze school verstrekt.");

            // only the system the dossier was handed to may confirm it (or dispute it)
            var expected = disclosure.DoelSysteem is { } s ? SysteemId.Parse(s) : caller;
            if (caller is null || caller != expected)
            {
                logger.LogWarning("Ontvangstbevestiging voor sessie {Sessie} van systeem {Systeem} geweigerd; de sessie is van systeem {SessieSysteem}.",
                    verklaring.SessieId, caller?.Value ?? "(geen)", expected?.Value ?? "-");
                await audit.RecordAsync(db, brin, Actor.Systeem(caller?.Value ?? "onbekend"), DocumentRequests.AccessRefused,
                    "Een systeem dat niet bij de sessie hoort, stuurde een ontvangstbevestiging; er is niets veranderd.", disclosure.PupilId.ToString(),
                    $"doel={disclosure.DoelBrin};sessiesysteem={expected?.Value ?? "-"}", cancellationToken).ConfigureAwait(false);
                return new ReceiptOutcome(ReceiptResult.NietBevoegd, "Alleen het systeem van de nieuwe school in deze sessie mag de ontvangst bevestigen.");
            }
            var doelSysteem = caller.Value;

            var controle = disclosure.DossierSha256 is null
                ? new Handtekeningcontrole.Ongeldig(HandtekeningFout.DossierGewijzigd, "Van deze verstrekking is niet bewaard welke bytes zijn verstuurd.")
                : Bewijzen.ControleerDigest(handtekening, Convert.FromHexString(disclosure.DossierSha256), connections.Validator,
                    new Verwachting(VerklaringSoort.Ontvangst, doelSysteem, verklaring.SessieId, verklaring.BronBrin, verklaring.DoelBrin));
            if (disclosure.OntvangstStatus == OntvangstStatus.Bevestigd)
                return controle is Handtekeningcontrole.Ongeldig al
                    ? new ReceiptOutcome(ReceiptResult.Ongeldig, al.Omschrijving + " De eerder ontvangen bevestiging blijft gelden.")
                    : new ReceiptOutcome(ReceiptResult.Bevestigd, "De ontvangst was al bevestigd.");

            disclosure.Ontvangstbevestiging = body.ToArray();
            disclosure.OntvangenOp = verklaring.Tijdstip;
            disclosure.OntvangenDoor = doelSysteem.Value;
            if (controle is Handtekeningcontrole.Ongeldig ongeldig)
            {
                disclosure.OntvangstStatus = OntvangstStatus.Ongeldig;
                await audit.RecordAsync(db, brin, Actor.Systeem(doelSysteem.Value), Invalid,
                    "De nieuwe school stuurde een ontvangstbevestiging die niet klopt met wat is verstuurd.", disclosure.PupilId.ToString(),
                    $"doel={disclosure.DoelBrin};handtekening={ongeldig.Fout}", cancellationToken).ConfigureAwait(false);
                return new ReceiptOutcome(ReceiptResult.Ongeldig, ongeldig.Omschrijving);
            }
            disclosure.OntvangstStatus = OntvangstStatus.Bevestigd;
            await audit.RecordAsync(db, brin, Actor.Systeem(doelSysteem.Value), Confirmed,
                "De nieuwe school heeft met een ondertekende ontvangstbevestiging bevestigd dat zij precies het verstuurde dossier ontving.",
                disclosure.PupilId.ToString(), $"doel={disclosure.DoelBrin}", cancellationToken).ConfigureAwait(false);
            return new ReceiptOutcome(ReceiptResult.Bevestigd, "De ontvangst is bevestigd.");
        }, cancellationToken).ConfigureAwait(false);
    }
}
