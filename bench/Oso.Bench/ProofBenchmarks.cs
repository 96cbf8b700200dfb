using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using BenchmarkDotNet.Attributes;
using Oso.Dossier.Identifiers;
using Oso.Protocol.Identifiers;
using Oso.Protocol.Messages;
using Oso.Protocol.Proofs;
using Oso.Protocol.Security;

namespace Oso.Bench;

/// <summary>
/// Issue 17's cost: signing (bron) and checking (doel) one dossier's proof, side by side with a plain SHA-256 of the
/// same bytes (the floor: both include one digest of the dossier). The 175 KB official POVO example, and 100 MB of
/// bytes standing for a dossier with large attachments (the digest sees octets only, so content does not matter).
/// </summary>
[MemoryDiagnoser]
public class ProofBenchmarks
{
    private byte[] _bytes = [];
    private DevelopmentCertificateAuthority _ca = null!;
    private X509Certificate2 _signer = null!;
    private OsoCertificateValidator _validator = null!;
    private Handtekening _handtekening = null!;
    private Verwachting _verwachting = null!;
    private readonly SysteemId _systeem = SysteemId.Parse("bench-las");
    private readonly SessieId _sessie = SessieId.New();

    [Params("175 KB POVO example", "100 MB")]
    public string Dossier { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        if (Dossier == "100 MB")
        {
            _bytes = new byte[100 * 1024 * 1024];
            new Random(17).NextBytes(_bytes);
        }
        else
        {
            _bytes = GegevenssetXml.Create(File.ReadAllBytes(BenchFiles.Example("Voorbeelddossier_OV_POVO_full.xml"))).Utf8.ToArray();
        }
        _ca = DevelopmentCertificateAuthority.Create(TimeProvider.System);
        _signer = _ca.IssueSystemCertificate(_systeem);
        _validator = new OsoCertificateValidator([_ca.Certificate], TimeProvider.System);
        _handtekening = Sign();
        _verwachting = new Verwachting(VerklaringSoort.Verzending, _systeem, _sessie);
    }

    [Benchmark(Baseline = true, Description = "SHA-256 of the bytes")]
    public byte[] Sha256() => SHA256.HashData(_bytes);

    [Benchmark(Description = "bron: digest + sign")]
    public Handtekening Sign() => Bewijzen.Onderteken(new Verklaring(VerklaringSoort.Verzending, TimeProvider.System.GetUtcNow(), _sessie, Brin.Parse("01AB"),
        Brin.Parse("02CD"), _systeem, Bewijzen.Digest(_bytes)), _signer);

    [Benchmark(Description = "doel: check (signature, digest, certificate)")]
    public Handtekeningcontrole Verify() => Bewijzen.Controleer(_handtekening, _bytes, _validator, _verwachting);

    [GlobalCleanup]
    public void Cleanup()
    {
        _signer.Dispose();
        _ca.Dispose();
    }
}
