using Microsoft.EntityFrameworkCore;
using Oso.Dossier;
using Oso.Dossier.Identifiers;
using Oso.Dossier.Validation;
using Oso.Protocol.Client;
using Oso.Protocol.Identifiers;
using Oso.Protocol.Messages;
using Oso.Protocol.Results;
using Oso.School.Audit;
using Oso.School.Crypto;
using Oso.School.Protocol;
using Oso.School.Storage;
using static Oso.School.Crypto.ProtectedDossiers;

namespace Oso.School.Swv;

/// <summary>The outcome of sending a terugkoppeling.</summary>
/// <param name="Id">The stored record (null when nothing was sent: invalid input or unknown dossier).</param>
/// <param name="Verstuurd">True when the school acknowledged it.</param>
/// <param name="Resultaat">The code (the school's, the Traffic Center's, or <c>TechnischeFout</c>).</param>
/// <param name="Toelichting">Dutch: what happened and who must act.</param>
/// <param name="Meldingen">Why the document is invalid, if that is why.</param>
public sealed record FeedbackResult(Guid? Id, bool Verstuurd, string Resultaat, string Toelichting, IReadOnlyList<Melding> Meldingen);

/// <summary>
/// The SWV sends a terugkoppeling about a dossier it received: a valid <c>terugkoppeling</c> document (the
/// gegevensset's structure), meldenTerugkoppeling at the Traffic Center with the koppelsleutel, then the terugkoppeling
/// to the school's aanleverpunt — one attempt, no automatic retry (public text); the SWV sees the result and may send
/// again by hand. Every attempt is stored encrypted with its result and audited.
/// </summary>
public sealed class SwvFeedback(SchoolStore store, ProtectedDossiers crypto, AuditLog audit, NodeConnections connections, DossierValidator validator,
    TimeProvider time)
{
    /// <summary>Sends <paramref name="xml"/> about SWV dossier <paramref name="receiptId"/> of SWV <paramref name="brin"/>.</summary>
    public async Task<FeedbackResult?> SendAsync(string brin, Guid receiptId, byte[] xml, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(xml);
        ArgumentNullException.ThrowIfNull(actor);
        SwvReceipt? receipt;
        await using (var db = store.Read())
            receipt = await db.SwvReceipts.AsNoTracking().FirstOrDefaultAsync(r => r.Id == receiptId && r.Brin == brin, cancellationToken).ConfigureAwait(false);
        if (receipt is null) return null;

        var report = validator.Validate(new MemoryStream(xml), cancellationToken);
        var root = DossierReader.Read(new MemoryStream(xml), cancellationToken: cancellationToken).Document;
        if (root is not Dossier.Model.Terugkoppeling || !report.Valid)
            return new FeedbackResult(null, false, nameof(ResultaatCode.OngeldigVerzoek), root is Dossier.Model.Terugkoppeling
                ? $"De terugkoppeling voldoet niet aan de structuur van de gegevensset: {report.Fouten} fout(en). Er is niets verstuurd."
                : "Het document is geen terugkoppeling (het hoofdelement moet 'terugkoppeling' zijn). Er is niets verstuurd.",
                report.Meldingen.Where(m => m.IsFout).ToList());

        var routing = new Routering(Brin.Parse(receipt.Brin), RouteringsKenmerk.Parse(receipt.SwvRouteringsKenmerk), Brin.Parse(receipt.SchoolBrin),
            RouteringsKenmerk.Parse(receipt.SchoolRouteringsKenmerk));
        var sleutel = Koppelsleutel.From(receipt.Koppelsleutel);
        ResultaatCode code;
        string toelichting;
        switch (await connections.Client.SendAsync(connections.TrafficCenter, new MeldenTerugkoppelingRequest(routing, sleutel), cancellationToken).ConfigureAwait(false))
        {
            case OsoCallResult<MeldenTerugkoppelingResponse>.Success { Response: MeldenTerugkoppelingResponse.Toegekend toegekend }:
                var request = new TerugkoppelingRequest(routing, sleutel, GegevenssetXml.Create(xml));
                switch (await connections.Client.SendAsync(toegekend.Url, request, cancellationToken).ConfigureAwait(false))
                {
                    case OsoCallResult<TerugkoppelingResponse>.Success success:
                        code = success.Response.Resultaat;
                        toelichting = code == ResultaatCode.TerugkoppelingOntvangen
                            ? $"School {receipt.SchoolBrin} heeft de terugkoppeling ontvangen."
                            : $"School {receipt.SchoolBrin} weigerde de terugkoppeling. " + code.Info().Toelichting;
                        break;
                    case OsoCallResult<TerugkoppelingResponse>.Failure failure:
                        code = ResultaatCode.TechnischeFout;
                        toelichting = $"De school is niet bereikt ({failure.Fout.Omschrijving}). Er wordt niet automatisch opnieuw verstuurd: probeer het later opnieuw.";
                        break;
                    default:
                        code = ResultaatCode.TechnischeFout;
                        toelichting = "Onverwacht antwoord van de school. Probeer het later opnieuw.";
                        break;
                }
                break;
            case OsoCallResult<MeldenTerugkoppelingResponse>.Success { Response: MeldenTerugkoppelingResponse.Geweigerd geweigerd }:
                code = geweigerd.Resultaat;
                toelichting = "Het Traffic Center weigerde de terugkoppeling. " + code.Info().Toelichting;
                break;
            case OsoCallResult<MeldenTerugkoppelingResponse>.Failure failure:
                code = ResultaatCode.TechnischeFout;
                toelichting = $"Het Traffic Center is niet bereikt ({failure.Fout.Omschrijving}). Er is niets verstuurd; probeer het later opnieuw.";
                break;
            default:
                code = ResultaatCode.TechnischeFout;
                toelichting = "Onverwacht antwoord van het Traffic Center. Probeer het later opnieuw.";
                break;
        }

        var id = Guid.NewGuid();
        var verstuurd = code == ResultaatCode.TerugkoppelingOntvangen;
        await store.WriteAsync(async db =>
        {
            db.Terugkoppelingen.Add(new Terugkoppeling
            {
                Id = id, Brin = brin, Richting = TerugkoppelingRichting.Verstuurd, PartnerBrin = receipt.SchoolBrin, Koppelsleutel = receipt.Koppelsleutel,
                ExchangeId = receipt.Id, Xml = crypto.ProtectXml(brin, xml, Contexts.Terugkoppeling(id)), Resultaat = code.ToString(), At = time.GetUtcNow(),
                By = actor.ToString(),
            });
            await audit.RecordAsync(db, brin, actor, verstuurd ? "terugkoppeling.verstuurd" : "terugkoppeling.mislukt",
                verstuurd ? "De terugkoppeling is verstuurd naar de school." : "De terugkoppeling is niet aangekomen (één poging, geen automatische herhaling).",
                receipt.Id.ToString(), $"school={receipt.SchoolBrin};resultaat={code}", cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return new FeedbackResult(id, verstuurd, code.ToString(), toelichting, []);
    }
}
