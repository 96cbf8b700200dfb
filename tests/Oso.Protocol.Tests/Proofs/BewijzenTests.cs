using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Oso.Dossier;
using Oso.Dossier.Identifiers;
using Oso.Protocol.Identifiers;
using Oso.Protocol.Messages;
using Oso.Protocol.Proofs;
using Oso.Protocol.Security;
using Oso.Protocol.Tests.Security;
using Oso.Testing;

namespace Oso.Protocol.Tests.Proofs;

public class BewijzenTests
{
    private static readonly byte[] DossierBytes = Encoding.UTF8.GetBytes(TestData.DossierXml);
    private static readonly SysteemId Ander = SysteemId.Parse("las-de-zonnebloem");
    private static readonly X509Certificate2 AnderClient = TestPki.Ca.IssueSystemCertificate(Ander);

    private static Verklaring Verzending(byte[] dossier, SysteemId? systeem = null) => new(VerklaringSoort.Verzending,
        new DateTimeOffset(2026, 12, 6, 22, 30, 0, TimeSpan.Zero), TestData.Sessie, TestData.Brin00YY, Brin.Parse("01AB"), systeem ?? TestPki.Systeem,
        Bewijzen.Digest(dossier));

    private static Verwachting VanDeSessie => new(VerklaringSoort.Verzending, TestPki.Systeem, TestData.Sessie, TestData.Brin00YY, Brin.Parse("01AB"));

    [Fact]
    public void A_signed_dossier_verifies_and_states_who_sent_it_when_and_in_which_session()
    {
        var handtekening = Bewijzen.Onderteken(Verzending(DossierBytes), TestPki.Client);

        var geldig = Assert.IsType<Handtekeningcontrole.Geldig>(Bewijzen.Controleer(handtekening, DossierBytes, TestPki.Validator(), VanDeSessie));

        Assert.Equal(Verzending(DossierBytes), geldig.Verklaring);
        Assert.Equal(TestPki.Client.SerialNumber, geldig.Serienummer);
    }

    [Fact]
    public void One_changed_byte_in_the_dossier_is_detected()
    {
        var handtekening = Bewijzen.Onderteken(Verzending(DossierBytes), TestPki.Client);
        for (var i = 0; i < DossierBytes.Length; i += 37)
        {
            var changed = DossierBytes.ToArray();
            changed[i] ^= 0x01;
            var fout = Assert.IsType<Handtekeningcontrole.Ongeldig>(Bewijzen.Controleer(handtekening, changed, TestPki.Validator(), VanDeSessie));
            Assert.Equal(HandtekeningFout.DossierGewijzigd, fout.Fout);
        }
    }

    [Fact]
    public void A_receipt_checks_against_the_kept_digest_and_one_changed_byte_or_another_kind_of_statement_is_detected()
    {
        var ontvangst = Verzending(DossierBytes) with { Soort = VerklaringSoort.Ontvangst };
        var verwachting = VanDeSessie with { Soort = VerklaringSoort.Ontvangst };
        var receipt = Bewijzen.Onderteken(ontvangst, TestPki.Client);
        var digest = Bewijzen.Digest(DossierBytes);

        Assert.Equal(ontvangst, Assert.IsType<Handtekeningcontrole.Geldig>(Bewijzen.ControleerDigest(receipt, digest, TestPki.Validator(), verwachting)).Verklaring);
        var otherBytes = digest.ToArray();
        otherBytes[7] ^= 0x01;
        Assert.Equal(HandtekeningFout.DossierGewijzigd,
            Assert.IsType<Handtekeningcontrole.Ongeldig>(Bewijzen.ControleerDigest(receipt, otherBytes, TestPki.Validator(), verwachting)).Fout);
        // a receipt is no signed dossier, and the other way round
        Assert.Equal(HandtekeningFout.AndereSessie,
            Assert.IsType<Handtekeningcontrole.Ongeldig>(Bewijzen.ControleerDigest(receipt, digest, TestPki.Validator(), VanDeSessie)).Fout);
        // every changed byte of the receipt itself
        var text = Encoding.UTF8.GetString(receipt.Utf8.Span);
        var statement = text.IndexOf("<bw:ontvangst", StringComparison.Ordinal);
        foreach (var at in new[] { text.IndexOf("SignatureValue>", StringComparison.Ordinal) + 20, text.IndexOf("<bw:sessieId>", statement, StringComparison.Ordinal) + 14 })
        {
            var changed = receipt.Utf8.ToArray();
            changed[at] = (byte)(changed[at] == (byte)'a' ? 'b' : 'a');
            Assert.IsType<Handtekeningcontrole.Ongeldig>(Bewijzen.ControleerDigest(Handtekening.Create(changed), digest, TestPki.Validator(), verwachting));
        }
    }

    [Theory]
    [InlineData("2026-12-06T22:30:00", "2026-12-06T22:31:00")]
    [InlineData("01AB", "01AC")]
    [InlineData("las-de-regenboog</bw:systeem>", "las-de-regenboof</bw:systeem>")]
    public void A_changed_statement_breaks_the_signature(string from, string to)
    {
        var handtekening = Bewijzen.Onderteken(Verzending(DossierBytes), TestPki.Client);
        var text = Encoding.UTF8.GetString(handtekening.Utf8.Span);
        Assert.Contains(from, text);

        var changed = Handtekening.Create(Encoding.UTF8.GetBytes(text.Replace(from, to, StringComparison.Ordinal)));

        var fout = Assert.IsType<Handtekeningcontrole.Ongeldig>(Bewijzen.Controleer(changed, DossierBytes, TestPki.Validator(), VanDeSessie with { DoelBrin = null }));
        Assert.Equal(HandtekeningFout.HandtekeningOnjuist, fout.Fout);
    }

    [Fact]
    public void A_replaced_manifest_digest_for_other_bytes_breaks_the_signature()
    {
        var handtekening = Bewijzen.Onderteken(Verzending(DossierBytes), TestPki.Client);
        var other = Encoding.UTF8.GetBytes(TestData.DossierXml.Replace("Regenboog", "Zonnebloem", StringComparison.Ordinal));
        var text = Encoding.UTF8.GetString(handtekening.Utf8.Span)
            .Replace(Convert.ToBase64String(Bewijzen.Digest(DossierBytes)), Convert.ToBase64String(Bewijzen.Digest(other)), StringComparison.Ordinal);

        var fout = Assert.IsType<Handtekeningcontrole.Ongeldig>(Bewijzen.Controleer(Handtekening.Create(Encoding.UTF8.GetBytes(text)), other, TestPki.Validator(), VanDeSessie));

        Assert.Equal(HandtekeningFout.HandtekeningOnjuist, fout.Fout);
    }

    [Fact]
    public void A_signature_by_a_foreign_certificate_is_refused()
    {
        var handtekening = Bewijzen.Onderteken(Verzending(DossierBytes), TestPki.ForeignClient);

        var fout = Assert.IsType<Handtekeningcontrole.Ongeldig>(Bewijzen.Controleer(handtekening, DossierBytes, TestPki.Validator(), VanDeSessie));

        Assert.Equal(HandtekeningFout.CertificaatGeweigerd, fout.Fout);
        Assert.Contains("vertrouwde OSO-uitgever", fout.Omschrijving, StringComparison.Ordinal);
    }

    [Fact]
    public void A_signature_by_a_revoked_certificate_is_refused()
    {
        var signer = TestPki.Ca.IssueSystemCertificate(TestPki.Systeem);
        var handtekening = Bewijzen.Onderteken(Verzending(DossierBytes), signer);
        Assert.IsType<Handtekeningcontrole.Geldig>(Bewijzen.Controleer(handtekening, DossierBytes, TestPki.Validator(), VanDeSessie));

        var revoked = new CertificateRevocationList([signer.SerialNumber], []);
        var fout = Assert.IsType<Handtekeningcontrole.Ongeldig>(Bewijzen.Controleer(handtekening, DossierBytes, TestPki.Validator(revoked), VanDeSessie));

        Assert.Equal(HandtekeningFout.CertificaatGeweigerd, fout.Fout);
    }

    [Fact]
    public void A_signature_by_an_expired_certificate_is_refused_but_holds_at_its_signing_time()
    {
        var handtekening = Bewijzen.Onderteken(Verzending(DossierBytes), TestPki.ExpiredClient);
        var thenValidator = TestPki.Validator(time: new FakeTimeProvider(TestPki.ExpiredClient.NotBefore.AddDays(10)));

        Assert.Equal(HandtekeningFout.CertificaatGeweigerd,
            Assert.IsType<Handtekeningcontrole.Ongeldig>(Bewijzen.Controleer(handtekening, DossierBytes, TestPki.Validator(), VanDeSessie)).Fout);
        Assert.IsType<Handtekeningcontrole.Geldig>(Bewijzen.Controleer(handtekening, DossierBytes, thenValidator, VanDeSessie));
    }

    [Fact]
    public void A_valid_signature_by_another_system_than_the_sessions_is_refused()
    {
        var handtekening = Bewijzen.Onderteken(Verzending(DossierBytes, Ander), AnderClient);

        var fout = Assert.IsType<Handtekeningcontrole.Ongeldig>(Bewijzen.Controleer(handtekening, DossierBytes, TestPki.Validator(), VanDeSessie));

        Assert.Equal(HandtekeningFout.AnderSysteem, fout.Fout);
    }

    [Fact]
    public void A_valid_signature_from_another_session_or_of_another_kind_is_refused()
    {
        var handtekening = Bewijzen.Onderteken(Verzending(DossierBytes), TestPki.Client);

        Assert.Equal(HandtekeningFout.AndereSessie, Assert.IsType<Handtekeningcontrole.Ongeldig>(
            Bewijzen.Controleer(handtekening, DossierBytes, TestPki.Validator(), VanDeSessie with { SessieId = SessieId.New() })).Fout);
        Assert.Equal(HandtekeningFout.AndereSessie, Assert.IsType<Handtekeningcontrole.Ongeldig>(
            Bewijzen.Controleer(handtekening, DossierBytes, TestPki.Validator(), VanDeSessie with { Soort = VerklaringSoort.Ontvangst })).Fout);
    }

    [Fact]
    public void A_statement_that_names_another_system_than_its_certificate_cannot_be_made()
    {
        Assert.Throws<ArgumentException>(() => Bewijzen.Onderteken(Verzending(DossierBytes, Ander), TestPki.Client));
    }

    [Fact]
    public void No_signature_and_a_signature_of_another_form_are_refused_with_their_reason()
    {
        Assert.Equal(HandtekeningFout.Ontbreekt,
            Assert.IsType<Handtekeningcontrole.Ongeldig>(Bewijzen.Controleer(null, DossierBytes, TestPki.Validator(), VanDeSessie)).Fout);
        var bare = Handtekening.Create(Encoding.UTF8.GetBytes("<Signature xmlns=\"http://www.w3.org/2000/09/xmldsig#\"><SignedInfo/></Signature>"));
        Assert.Equal(HandtekeningFout.Onleesbaar,
            Assert.IsType<Handtekeningcontrole.Ongeldig>(Bewijzen.Controleer(bare, DossierBytes, TestPki.Validator(), VanDeSessie)).Fout);
        Assert.False(Handtekening.TryCreate(Encoding.UTF8.GetBytes("<!DOCTYPE x [<!ENTITY a 'b'>]><Signature xmlns=\"http://www.w3.org/2000/09/xmldsig#\"/>"), out _, out _));
    }

    [Fact]
    public void A_second_object_with_the_referenced_id_is_refused_as_a_wrapping_attempt()
    {
        var handtekening = Bewijzen.Onderteken(Verzending(DossierBytes), TestPki.Client);
        var text = Encoding.UTF8.GetString(handtekening.Utf8.Span)
            .Replace("</Signature>", "<Object Id=\"oso-verklaring\"><x/></Object></Signature>", StringComparison.Ordinal);

        Assert.Equal(HandtekeningFout.Onleesbaar, Assert.IsType<Handtekeningcontrole.Ongeldig>(
            Bewijzen.Controleer(Handtekening.Create(Encoding.UTF8.GetBytes(text)), DossierBytes, TestPki.Validator(), VanDeSessie)).Fout);
    }

    [Theory]
    [MemberData(nameof(StandardFiles.ExampleNames), MemberType = typeof(StandardFiles))]
    public async Task A_signed_dossier_as_the_bron_writes_it_arrives_byte_for_byte_and_verifies_after_the_soap_round_trip(string name)
    {
        var read = DossierReader.Read(StandardFiles.Example(name), cancellationToken: TestData.Ct);
        var dossier = GegevenssetXml.Create(DossierWriter.ToBytes(read.Document!, indent: false));
        var bytes = dossier.Utf8.ToArray();
        var handtekening = Bewijzen.Onderteken(Verzending(bytes), TestPki.Client);

        var received = TestData.Read<DocumentResponse.Geleverd>(await TestData.ReadAsync(await TestData.WriteAsync(
            new DocumentResponse.Geleverd(dossier, handtekening))));

        Assert.Equal(bytes, received.Dossier.Utf8.ToArray());
        Assert.IsType<Handtekeningcontrole.Geldig>(Bewijzen.Controleer(received.Handtekening, received.Dossier.Utf8.Span, TestPki.Validator(), VanDeSessie));
    }
}
