using System.Text.Json;
using Oso.Dossier.Identifiers;
using Oso.Protocol.Identifiers;
using Oso.Protocol.Messages;
using Oso.Protocol.Proofs;
using Oso.Protocol.Security;
using Oso.Testing;

namespace Oso.Cli.Tests.Dossiers;

/// <summary><c>oso dossier verify</c>: a saved dossier against the bron's signature beside it, with the exit codes a script relies on.</summary>
public sealed class VerifyCommandTests : IDisposable
{
    private static readonly SysteemId Systeem = SysteemId.Parse("las-de-regenboog");
    private readonly string _directory = Directory.CreateTempSubdirectory("oso-verify-").FullName;
    private readonly DevelopmentCertificateAuthority _ca = DevelopmentCertificateAuthority.Create(TimeProvider.System);
    private readonly DevelopmentCertificateAuthority _other = DevelopmentCertificateAuthority.Create(TimeProvider.System, "Andere CA");

    public void Dispose()
    {
        _ca.Dispose();
        _other.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private string Anchor(DevelopmentCertificateAuthority ca, string name)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, ca.Certificate.ExportCertificatePem());
        return path;
    }

    // the official example as a doel receives it, and the bron's signature beside it
    private string Signed(DevelopmentCertificateAuthority ca)
    {
        var bytes = GegevenssetXml.Create(File.ReadAllBytes(StandardFiles.Example("OV_POVO_full"))).Utf8.ToArray();
        var path = Path.Combine(_directory, "ontvangen.xml");
        File.WriteAllBytes(path, bytes);
        using var signer = ca.IssueSystemCertificate(Systeem);
        var handtekening = Bewijzen.Onderteken(new Verklaring(VerklaringSoort.Verzending, TimeProvider.System.GetUtcNow(), SessieId.New(), Brin.Parse("01AB"),
            Brin.Parse("02CD"), Systeem, Bewijzen.Digest(bytes)), signer);
        File.WriteAllBytes(path + ".sig", handtekening.Utf8.ToArray());
        return path;
    }

    [Fact]
    public async Task A_signed_dossier_verifies_with_exit_0_and_says_who_sent_it()
    {
        var file = Signed(_ca);

        var (code, output, _) = await CliRunner.RunAsync("dossier", "verify", file, "--trust-anchor", Anchor(_ca, "ca.pem"));

        Assert.Equal(0, code);
        Assert.Contains("geldig", output, StringComparison.Ordinal);
        Assert.Contains("systeem las-de-regenboog", output, StringComparison.Ordinal);
        Assert.Contains("van school 01AB naar school 02CD", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_output_names_the_signer_session_and_digest()
    {
        var file = Signed(_ca);

        var (code, output, _) = await CliRunner.RunAsync("dossier", "verify", file, "--trust-anchor", Anchor(_ca, "ca.pem"), "--json");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        Assert.True(json.RootElement.GetProperty("geldig").GetBoolean());
        Assert.Equal("las-de-regenboog", json.RootElement.GetProperty("systeem").GetString());
        Assert.Equal(64, json.RootElement.GetProperty("sha256").GetString()!.Length);
    }

    [Fact]
    public async Task One_changed_byte_gives_exit_1_with_the_reason()
    {
        var file = Signed(_ca);
        var bytes = File.ReadAllBytes(file);
        bytes[1000] ^= 0x20;
        File.WriteAllBytes(file, bytes);

        var (code, output, _) = await CliRunner.RunAsync("dossier", "verify", file, "--trust-anchor", Anchor(_ca, "ca.pem"), "--json");

        Assert.Equal(1, code);
        using var json = JsonDocument.Parse(output);
        Assert.False(json.RootElement.GetProperty("geldig").GetBoolean());
        Assert.Equal(nameof(HandtekeningFout.DossierGewijzigd), json.RootElement.GetProperty("fout").GetString());
    }

    [Fact]
    public async Task A_signature_by_a_certificate_of_another_issuer_gives_exit_1()
    {
        var file = Signed(_other);

        var (code, output, _) = await CliRunner.RunAsync("dossier", "verify", file, "--trust-anchor", Anchor(_ca, "ca.pem"));

        Assert.Equal(1, code);
        Assert.Contains("niet vertrouwd", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dossier_without_a_signature_gives_exit_1()
    {
        var file = Signed(_ca);
        File.Delete(file + ".sig");

        var (code, output, _) = await CliRunner.RunAsync("dossier", "verify", file, "--trust-anchor", Anchor(_ca, "ca.pem"));

        Assert.Equal(1, code);
        Assert.Contains("geen handtekening", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreadable_file_or_anchor_or_a_missing_anchor_option_gives_exit_2()
    {
        var file = Signed(_ca);
        var anchor = Anchor(_ca, "ca.pem");

        Assert.Equal(2, (await CliRunner.RunAsync("dossier", "verify", file + ".weg", "--trust-anchor", anchor)).Code);
        Assert.Equal(2, (await CliRunner.RunAsync("dossier", "verify", file, "--trust-anchor", anchor + ".weg")).Code);
        Assert.Equal(2, (await CliRunner.RunAsync("dossier", "verify", file)).Code);
    }
}
