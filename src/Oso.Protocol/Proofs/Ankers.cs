using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml;
using Oso.Dossier.Identifiers;
using Oso.Protocol.Identifiers;
using Oso.Protocol.Security;

// see XmlProof: documents built in memory only
#pragma warning disable RS0030

namespace Oso.Protocol.Proofs;

/// <summary>
/// The head of one school's audit chain as a node states it (issue 17 §3, docs/protocol.md §4c): "at this time, the chain
/// of this school ends at this sequence number with this hash", signed by the system that serves the school.
/// </summary>
/// <param name="Brin">The school whose chain it is.</param>
/// <param name="Volgnummer">The head's sequence number.</param>
/// <param name="Hash">The head record's hash (64 lower-case hex).</param>
/// <param name="Tijdstip">When the node took the checkpoint (its clock).</param>
/// <param name="Systeem">The signing system (the one its certificate names).</param>
public sealed record Controlepunt(Brin Brin, long Volgnummer, string Hash, DateTimeOffset Tijdstip, SysteemId Systeem);

/// <summary>
/// Central's acknowledgement of a <see cref="Controlepunt"/>: the checkpoint, the SHA-256 of the node's signed bytes,
/// when Central received it and the anchor's number in Central's own chain; signed with Central's server certificate.
/// </summary>
/// <param name="Controlepunt">What was anchored.</param>
/// <param name="ControlepuntSha256">SHA-256 (hex) of the node's signed checkpoint, as received.</param>
/// <param name="Ontvangen">When Central received it (Central's clock).</param>
/// <param name="Anker">The anchor's number in Central's chain.</param>
public sealed record Ankerbevestiging(Controlepunt Controlepunt, string ControlepuntSha256, DateTimeOffset Ontvangen, long Anker);

/// <summary>The outcome of checking a checkpoint or an acknowledgement: the statement, or why not (Dutch).</summary>
/// <typeparam name="T">The statement.</typeparam>
/// <param name="Waarde">The statement when it holds.</param>
/// <param name="Fout">Why not, in Dutch, when it does not.</param>
public sealed record Ankercontrole<T>(T? Waarde, string? Fout) where T : class
{
    /// <summary>Whether it holds.</summary>
    public bool Geldig => Waarde is not null;
}

/// <summary>Signs and checks audit checkpoints and Central's acknowledgements of them (the same XML-DSig form as <see cref="Bewijzen"/>).</summary>
public static class Ankers
{
    private const string ControlepuntNaam = "controlepunt";
    private const string BevestigingNaam = "ankerbevestiging";

    /// <summary>Signs a checkpoint with the node's system certificate (which must name <see cref="Controlepunt.Systeem"/>).</summary>
    public static Handtekening Onderteken(Controlepunt controlepunt, X509Certificate2 systeemCertificaat)
    {
        ArgumentNullException.ThrowIfNull(controlepunt);
        ArgumentNullException.ThrowIfNull(systeemCertificaat);
        if (CertificateNames.Systeem(systeemCertificaat) != controlepunt.Systeem)
            throw new ArgumentException("Het controlepunt noemt een ander systeem dan het certificaat.", nameof(controlepunt));
        var content = new XmlDocument { PreserveWhitespace = true }.CreateElement("inhoud");
        XmlProof.Statement(content, ControlepuntNaam, Velden(controlepunt));
        return XmlProof.Sign(content, systeemCertificaat);
    }

    /// <summary>Central signs its acknowledgement with its server certificate.</summary>
    public static Handtekening Bevestig(Ankerbevestiging bevestiging, X509Certificate2 centralCertificaat)
    {
        ArgumentNullException.ThrowIfNull(bevestiging);
        ArgumentNullException.ThrowIfNull(centralCertificaat);
        var content = new XmlDocument { PreserveWhitespace = true }.CreateElement("inhoud");
        XmlProof.Statement(content, BevestigingNaam, [.. Velden(bevestiging.Controlepunt),
            ("controlepuntSha256", bevestiging.ControlepuntSha256), ("ontvangen", XmlProof.Time(bevestiging.Ontvangen)),
            ("anker", bevestiging.Anker.ToString(CultureInfo.InvariantCulture))]);
        return XmlProof.Sign(content, centralCertificaat);
    }

    /// <summary>SHA-256 (hex) of a signed checkpoint's bytes, as an acknowledgement names it.</summary>
    public static string Sha256(Handtekening controlepunt)
    {
        ArgumentNullException.ThrowIfNull(controlepunt);
        return Convert.ToHexStringLower(SHA256.HashData(controlepunt.Utf8.Span));
    }

    /// <summary>
    /// Checks a node's signed checkpoint: our form, the signature value, and a system certificate that chains to the
    /// validator's anchors, is not revoked and names the system the statement names.
    /// </summary>
    public static Ankercontrole<Controlepunt> ControleerControlepunt(Handtekening? handtekening, OsoCertificateValidator validator)
    {
        ArgumentNullException.ThrowIfNull(validator);
        return Controleer(handtekening, ControlepuntNaam, 5, (fields, certificate) =>
        {
            if (LeesControlepunt(fields) is not { } punt) return Fout<Controlepunt>("Het controlepunt heeft niet de vorm van een OSO-controlepunt.");
            var check = validator.ValidateClient(certificate);
            if (check is CertificateCheck.Refused refused) return Fout<Controlepunt>("Het certificaat van de ondertekenaar wordt niet vertrouwd: " + refused.Omschrijving);
            return ((CertificateCheck.Accepted)check).Systeem == punt.Systeem ? new(punt, null) : Fout<Controlepunt>("Het controlepunt noemt een ander systeem dan het certificaat van de ondertekenaar.");
        });
    }

    /// <summary>
    /// Checks Central's acknowledgement: our form, the signature value, and a server certificate (not a system's) that
    /// chains to the validator's anchors and is not revoked.
    /// </summary>
    public static Ankercontrole<Ankerbevestiging> ControleerBevestiging(Handtekening? handtekening, OsoCertificateValidator validator)
    {
        ArgumentNullException.ThrowIfNull(validator);
        return Controleer(handtekening, BevestigingNaam, 8, (fields, certificate) =>
        {
            if (LeesControlepunt(fields) is not { } punt
                || fields.GetValueOrDefault("controlepuntSha256") is not { Length: 64 } sha || !IsHex(sha)
                || !XmlProof.TryTime(fields.GetValueOrDefault("ontvangen"), out var ontvangen)
                || !long.TryParse(fields.GetValueOrDefault("anker"), NumberStyles.None, CultureInfo.InvariantCulture, out var anker))
                return Fout<Ankerbevestiging>("De ankerbevestiging heeft niet de vorm van een OSO-ankerbevestiging.");
            if (validator.ValidateServer(certificate) is CertificateCheck.Refused refused)
                return Fout<Ankerbevestiging>("Het certificaat van Central wordt niet vertrouwd: " + refused.Omschrijving);
            if (CertificateNames.Systeem(certificate) is not null)
                return Fout<Ankerbevestiging>("De ankerbevestiging is ondertekend door een systeem, niet door Central.");
            return new(new Ankerbevestiging(punt, sha, ontvangen, anker), null);
        });
    }

    private static Ankercontrole<T> Controleer<T>(Handtekening? handtekening, string naam, int velden,
        Func<Dictionary<string, string>, X509Certificate2, Ankercontrole<T>> inhoud) where T : class
    {
        if (handtekening is null) return Fout<T>("Er is geen handtekening.");
        if (XmlProof.Read(handtekening) is not var (signed, certificate, children)) return Fout<T>("De handtekening heeft niet de vorm van een OSO-bewijs (XML-DSig met één verklaring).");
        using (certificate)
        {
            if (children.Count != 1 || children[0] is not { NamespaceURI: OsoNamespaces.Bewijs } statement || statement.LocalName != naam
                || XmlProof.Fields(statement) is not { } fields || fields.Count != velden)
                return Fout<T>($"Hier wordt een {naam} verwacht.");
            if (!XmlProof.Holds(signed, certificate))
                return Fout<T>("De handtekening klopt niet: de verklaring is na het ondertekenen gewijzigd, of met een andere sleutel ondertekend.");
            return inhoud(fields, certificate);
        }
    }

    private static (string, string)[] Velden(Controlepunt p) =>
    [
        ("brin", p.Brin.Value), ("volgnummer", p.Volgnummer.ToString(CultureInfo.InvariantCulture)), ("hash", p.Hash),
        ("tijdstip", XmlProof.Time(p.Tijdstip)), ("systeem", p.Systeem.Value),
    ];

    private static Controlepunt? LeesControlepunt(Dictionary<string, string> f) =>
        Brin.TryParse(f.GetValueOrDefault("brin"), out var brin)
        && long.TryParse(f.GetValueOrDefault("volgnummer"), NumberStyles.None, CultureInfo.InvariantCulture, out var volgnummer) && volgnummer > 0
        && f.GetValueOrDefault("hash") is { Length: 64 } hash && IsHex(hash)
        && XmlProof.TryTime(f.GetValueOrDefault("tijdstip"), out var tijdstip)
        && SysteemId.TryParse(f.GetValueOrDefault("systeem"), out var systeem)
            ? new Controlepunt(brin, volgnummer, hash, tijdstip, systeem)
            : null;

    private static bool IsHex(string s) => s.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');

    private static Ankercontrole<T> Fout<T>(string tekst) where T : class => new(null, tekst);
}
