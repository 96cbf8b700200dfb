using Oso.Dossier.Identifiers;
using Oso.Protocol.Identifiers;

namespace Oso.Protocol.Proofs;

/// <summary>What a signature states.</summary>
public enum VerklaringSoort
{
    /// <summary>The bron: "I, this system, sent these dossier bytes in this session" (signed dossier).</summary>
    Verzending,

    /// <summary>The doel: "I, this system, received these dossier bytes in this session" (ontvangstbevestiging).</summary>
    Ontvangst,
}

/// <summary>
/// The statement a system signs about one dossier in one session: its kind, when, the session, the two schools, the
/// signing system (which must be the one its certificate names) and the SHA-256 of the exact dossier bytes.
/// </summary>
/// <param name="Soort">Sent or received.</param>
/// <param name="Tijdstip">When it was signed (the signer's clock).</param>
/// <param name="SessieId">The Traffic Center session.</param>
/// <param name="BronBrin">The sending school.</param>
/// <param name="DoelBrin">The receiving school.</param>
/// <param name="Systeem">The signing system.</param>
/// <param name="DossierSha256">SHA-256 of the exact dossier bytes (32 bytes).</param>
public sealed record Verklaring(VerklaringSoort Soort, DateTimeOffset Tijdstip, SessieId SessieId, Brin BronBrin, Brin DoelBrin, SysteemId Systeem,
    ReadOnlyMemory<byte> DossierSha256)
{
    /// <summary>SHA-256 of the dossier in lower-case hex (for storage and display).</summary>
    public string DossierSha256Hex => Convert.ToHexStringLower(DossierSha256.Span);

    /// <summary>Equal when every field is, the digest byte for byte.</summary>
    public bool Equals(Verklaring? other) =>
        other is not null && Soort == other.Soort && Tijdstip == other.Tijdstip && SessieId == other.SessieId && BronBrin == other.BronBrin
        && DoelBrin == other.DoelBrin && Systeem == other.Systeem && DossierSha256.Span.SequenceEqual(other.DossierSha256.Span);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Soort, Tijdstip, SessieId, Systeem);
}

/// <summary>Why a signature was not accepted.</summary>
public enum HandtekeningFout
{
    /// <summary>There is no signature.</summary>
    Ontbreekt,

    /// <summary>Not a signature of our form (XML, structure, algorithm, statement).</summary>
    Onleesbaar,

    /// <summary>The signature value does not match what it claims to sign: the statement was changed, or the key is another.</summary>
    HandtekeningOnjuist,

    /// <summary>The dossier's bytes differ from the ones signed.</summary>
    DossierGewijzigd,

    /// <summary>The signing certificate is not trusted: another issuer, expired, revoked, no system id.</summary>
    CertificaatGeweigerd,

    /// <summary>A valid signature, but by another system than the one expected (the session's).</summary>
    AnderSysteem,

    /// <summary>A valid signature, but for another session, school pair or kind of statement.</summary>
    AndereSessie,
}

/// <summary>The outcome of checking a signature.</summary>
public abstract record Handtekeningcontrole
{
    private Handtekeningcontrole()
    {
    }

    /// <summary>The signature holds.</summary>
    /// <param name="Verklaring">What was signed.</param>
    /// <param name="Certificaat">The signing certificate's subject.</param>
    /// <param name="Serienummer">Its serial number (hex).</param>
    public sealed record Geldig(Verklaring Verklaring, string Certificaat, string Serienummer) : Handtekeningcontrole;

    /// <summary>It does not.</summary>
    /// <param name="Fout">Why, as a code.</param>
    /// <param name="Omschrijving">Why, in Dutch (no dossier content).</param>
    public sealed record Ongeldig(HandtekeningFout Fout, string Omschrijving) : Handtekeningcontrole;
}

/// <summary>What a checker expects of a signature, beyond it being valid; null fields are not checked.</summary>
/// <param name="Soort">The kind of statement.</param>
/// <param name="Systeem">The system that must have signed (the one the Traffic Center named for the session).</param>
/// <param name="SessieId">The session.</param>
/// <param name="BronBrin">The sending school.</param>
/// <param name="DoelBrin">The receiving school.</param>
public sealed record Verwachting(VerklaringSoort Soort, SysteemId? Systeem = null, SessieId? SessieId = null, Brin? BronBrin = null, Brin? DoelBrin = null);
