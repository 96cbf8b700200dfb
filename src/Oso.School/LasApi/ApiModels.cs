using Oso.Dossier.Validation;

namespace Oso.School.LasApi;

/// <summary>A validation message as the API returns it.</summary>
public sealed record MeldingDto(string Type, string Code, string Locatie, int Regel, int Kolom, string Tekst)
{
    /// <summary>From a melding.</summary>
    public static MeldingDto From(Melding m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return new(m.Type.ToString(), m.Code, m.Locatie, m.Regel, m.Kolom, m.Tekst);
    }
}

/// <summary>The answer to a delivered dossier.</summary>
public sealed record AangeleverdDto(Guid LeerlingId, bool Nieuw, bool Geldig, int Fouten, int Waarschuwingen, IReadOnlyList<MeldingDto> Meldingen);

/// <summary>Release options.</summary>
/// <param name="OptOut">OPTIONEEL categories not to send (e.g. Bijlagedocs, Verzuim).</param>
public sealed record VrijgevenDto(IReadOnlyList<string>? OptOut);

/// <summary>The answer to a release.</summary>
public sealed record VrijgegevenDto(Guid VrijgaveId, int Versie, int Notificaties);

/// <summary>A delivery to another school, with the doel's ontvangstbevestiging (status Bevestigd, Ongeldig or GeenBevestiging).</summary>
public sealed record VerstrekkingDto(string DoelBrin, string Profiel, DateTimeOffset Op, Guid SessieId, Bron.Ontvangst Ontvangst);

/// <summary>A received documentRequest and its outcome.</summary>
public sealed record VerzoekDto(Guid SessieId, string DoelBrin, string Resultaat, string Toelichting, DateTimeOffset Ontvangen, DateTimeOffset? GenotificeerdOp, bool WachtOpVrijgave);

/// <summary>A new aanmelding.</summary>
public sealed record AanmeldingDto(string Pgn, DateOnly Geboortedatum, string BronBrin, string? Naam, string? Overdrachtsoort);

/// <summary>Request options.</summary>
/// <param name="AlleenGewijzigdSinds">Ask only for a dossier released after this moment.</param>
public sealed record AanvragenDto(DateTimeOffset? AlleenGewijzigdSinds);

/// <summary>A request and its trace.</summary>
/// <param name="Id">The request.</param>
/// <param name="AanmeldingId">Its aanmelding.</param>
/// <param name="Status">Wachtrij, Bezig, Klaar (see the result) or Mislukt (given up by the node; the toelichting says what failed and who must act).</param>
/// <param name="Resultaat">The beste resultaat reported to the Traffic Center (Klaar only).</param>
/// <param name="Toelichting">The result's Dutch explanation, or for Mislukt the last step's.</param>
/// <param name="Aangemaakt">When asked.</param>
/// <param name="Afgerond">When Klaar or Mislukt.</param>
/// <param name="Stappen">The trace.</param>
/// <param name="TraceId">The transfer's W3C trace id (the same at the Traffic Center and the bron), for the vendor's tracing.</param>
public sealed record AanvraagDto(Guid Id, Guid AanmeldingId, string Status, string? Resultaat, string? Toelichting, DateTimeOffset Aangemaakt,
    DateTimeOffset? Afgerond, IReadOnlyList<Doel.TraceStep> Stappen, string? TraceId);

/// <summary>A received dossier in a list.</summary>
/// <param name="Handtekening">The bron's signature: checked before the dossier was stored (a dossier whose signature failed is never listed).</param>
public sealed record OntvangenDto(Guid Id, Guid AanmeldingId, Guid AanvraagId, string BronBrin, DateTimeOffset OntvangenOp, bool Geldig, DateTimeOffset? GeimporteerdOp,
    HandtekeningDto? Handtekening = null);

/// <summary>The bron's signature under a received dossier.</summary>
/// <param name="Status"><c>Geldig</c> (signed by the session's bron system, trusted certificate, exactly these bytes) or <c>NietOndertekend</c>.</param>
/// <param name="Ondertekenaar">The signing system.</param>
/// <param name="OndertekendOp">When the bron signed.</param>
/// <param name="Sha256">SHA-256 (hex) of the exact dossier bytes, as <c>GET …/ontvangen/{id}</c> returns them.</param>
/// <param name="Toelichting">In Dutch, for staff.</param>
public sealed record HandtekeningDto(string Status, string? Ondertekenaar, DateTimeOffset? OndertekendOp, string? Sha256, string Toelichting);

/// <summary>A webhook.</summary>
/// <param name="Url">https URL the node POSTs to when a dossier arrives (null to remove).</param>
/// <param name="Geheim">Signing secret: X-Oso-Signature is HMAC-SHA256 over "{X-Oso-Timestamp}.{body}".</param>
public sealed record WebhookDto(string? Url, string? Geheim);
