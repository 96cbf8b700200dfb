using Oso.Central;
using Oso.Central.Register;
using Oso.Protocol.Messages;
using Oso.Protocol.Security;

namespace Oso.Cli.Conformance;

/// <summary>A school the kit's system runs an aanleverpunt for.</summary>
/// <param name="Brin">BRIN.</param>
/// <param name="Naam">Name.</param>
/// <param name="Sector">Sector.</param>
/// <param name="Gekwalificeerd">False: registered but not qualified (for the "unqualified school" scenarios).</param>
/// <param name="Gemandateerd">False: its board did not mandate the kit's system (for the "no mandate" scenarios).</param>
public sealed record KitSchool(string Brin, string Naam, Sector Sector, bool Gekwalificeerd = true, bool Gemandateerd = true)
{
    /// <summary>The school's one aanleverpunt (doel OV).</summary>
    public string RouteringsKenmerk => $"00000007000{Brin}00001";
}

/// <summary>A registered system with its certificate files: what the kit (or another client) presents.</summary>
/// <param name="SysteemId">The system id bound in the certificate.</param>
/// <param name="Certificaat">Path of the certificate PEM.</param>
/// <param name="Sleutel">Path of the private key PEM (mode 600).</param>
/// <param name="TrustAnchor">Path of the trust anchor PEM.</param>
public sealed record KitIdentiteit(string SysteemId, string Certificaat, string Sleutel, string TrustAnchor);

/// <summary>
/// Sets up an identity for the conformance kit (or an independent client) at a development Central: a supplier system,
/// its schools with aanleverpunten, mandates and qualification as asked, and a certificate from the development CA.
/// The aanleverpunten point at an address nobody serves: the kit only calls out.
/// </summary>
public static class KitIdentiteiten
{
    /// <summary>The board of the kit's schools.</summary>
    public const string BestuurId = "40090";

    /// <summary>The system id <c>oso conformance inrichten</c> registers.</summary>
    public const string StandaardSysteem = "oso-conformance";

    /// <summary>The kit's doel school (VO, qualified, mandated): <c>--doel</c>.</summary>
    public static KitSchool Doel { get; } = new("98KD", "Conformance Doelschool", Sector.VO);

    /// <summary>The kit's own bron school (PO, qualified, mandated): <c>--bron</c> for the tc role.</summary>
    public static KitSchool Bron { get; } = new("97KB", "Conformance Bronschool", Sector.PO);

    /// <summary>A school not qualified: <c>--ongekwalificeerd</c>.</summary>
    public static KitSchool Ongekwalificeerd { get; } = new("96KN", "Conformance Ongekwalificeerd", Sector.VO, Gekwalificeerd: false);

    /// <summary>A school whose board did not mandate the kit: <c>--zonder-mandaat</c>.</summary>
    public static KitSchool ZonderMandaat { get; } = new("95KM", "Conformance Zonder Mandaat", Sector.VO, Gemandateerd: false);

    /// <summary>Every school of the standard kit identity.</summary>
    public static IReadOnlyList<KitSchool> Standaard { get; } = [Doel, Bron, Ongekwalificeerd, ZonderMandaat];

    /// <summary>Registers <paramref name="systeemId"/> with <paramref name="scholen"/> and writes its certificate to <paramref name="directory"/>.</summary>
    public static async Task<KitIdentiteit> RegisterAsync(CentralAdmin admin, string systeemId, IReadOnlyList<KitSchool> scholen, string directory,
        TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(admin);
        ArgumentNullException.ThrowIfNull(scholen);
        var from = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddDays(-1);
        if ((await admin.AddBoardAsync(new NieuwBestuur(BestuurId, "Stichting Conformancetest"), cancellationToken).ConfigureAwait(false)) is { Gelukt: false, Fout.Soort: not FoutSoort.Conflict } bestuur)
            throw new InvalidOperationException(bestuur.Fout!.Tekst);
        _ = (await admin.AddSystemAsync(new NieuwSysteem(systeemId, $"Conformancetest ({systeemId})", "OpenOSO"), cancellationToken).ConfigureAwait(false)).Zeker;
        foreach (var school in scholen)
        {
            _ = (await admin.AddSchoolAsync(new NieuweSchool(school.Brin, school.Naam, school.Sector, BestuurId) { Plaats = "Utrecht" }, cancellationToken).ConfigureAwait(false)).Zeker;
            if (school.Gemandateerd)
                _ = (await admin.AddMandateAsync(new NieuwMandaat(BestuurId, school.Brin, systeemId, from), cancellationToken).ConfigureAwait(false)).Zeker;
            if (school.Gekwalificeerd) _ = (await admin.ApproveAllAsync(school.Brin, cancellationToken).ConfigureAwait(false)).Zeker;
            _ = (await admin.AddEndpointAsync(new NieuwAanleverpunt(school.RouteringsKenmerk, $"https://kit.invalid/oso/aanleverpunt/{school.RouteringsKenmerk}",
                Uitwisseldoel.Ov, systeemId, from), cancellationToken).ConfigureAwait(false)).Zeker;
        }
        _ = (await admin.ApproveSystemAsync(systeemId, cancellationToken).ConfigureAwait(false)).Zeker;
        var issued = (await admin.IssueCertificateAsync(systeemId, cancellationToken: cancellationToken).ConfigureAwait(false)).Zeker;
        DevelopmentCertificateAuthority.SavePem(issued.Certificaat, directory, systeemId);
        var anchor = Path.Combine(directory, "ca.crt.pem");
        File.Copy(admin.TrustAnchorPemPath, anchor, overwrite: true);
        return new KitIdentiteit(systeemId, Path.Combine(directory, systeemId + ".crt.pem"), Path.Combine(directory, systeemId + ".key.pem"), anchor);
    }
}
