using System.Text;
using Oso.Dossier;
using Oso.School.Portal;
using Oso.School.Portal.Dossiers;
using Oso.School.Staff;
using Oso.Synthetic;

namespace Oso.School.Tests.Portal;

public sealed class PortalPartsTests
{
    private static readonly DateOnly Reference = new(2026, 4, 1);

    [Theory]
    [InlineData("povo-niet-akkoord", true, "Nee")]
    [InlineData("geen-inzage", false, null)]
    public void The_list_reads_only_the_inzage_block_of_a_draft(string pupil, bool seen, string? akkoord)
    {
        var xml = DossierWriter.ToBytes(SyntheticDossiers.Fixed(pupil, Reference), indent: true);

        var inzage = DraftInzage.Read(xml);

        Assert.Equal(seen, inzage.Ingezien);
        Assert.Equal(akkoord, inzage.Akkoord);
        Assert.Equal(DraftInzage.None, DraftInzage.Read(DossierWriter.ToBytes(SyntheticDossiers.Fixed(pupil, Reference) with { Inzage = null })));
    }

    [Theory]
    [InlineData("/dossier[1]/huidigeschool[1]/leerling[1]/overstapadvies[1]/advies[1]", "leerling › overstapadvies › schooladvies", "advies")]
    [InlineData("/dossier[1]/huidigeschool[1]/leerling[1]/achternaam[1]", "leerling › achternaam", "leerling")]
    [InlineData("/dossier[1]/huidigeschool[1]/leerling[1]/overigdocumentlijst[1]/document[2]/bestandsinhoud[1]", "leerling › bijlagen › document 2 › inhoud", "bijlagen")]
    [InlineData("/dossier[1]/inzage[1]", "inzage door ouders", null)]
    [InlineData("/[1]", "het hele dossier", null)]
    [InlineData("", "het hele dossier", null)]
    public void Melding_locations_are_told_in_words_with_the_section_to_change(string xpath, string text, string? section)
    {
        var (words, anchor) = Locations.Describe(xpath);

        Assert.Equal(text, words);
        Assert.Equal(section, anchor);
    }

    [Fact]
    public void Attachments_are_checked_by_their_content_and_size_and_wrapped_in_a_zip()
    {
        var now = new DateTimeOffset(2026, 4, 1, 10, 0, 0, TimeSpan.Zero);
        var (pdf, error) = Attachments.FromUpload("C:\\Users\\juf\\verslag.pdf", "%PDF-1.7\n..."u8.ToArray(), "Verslag", now);
        Assert.Null(error);
        Assert.Equal("verslag.pdf", pdf!.Bestandsnaam);
        Assert.True(pdf.Bestandsinhoud.Facts().LooksLikeZip);

        Assert.Contains("past niet bij", Attachments.FromUpload("verslag.pdf", "MZ\u0090\0"u8.ToArray(), null, now).Error);
        Assert.Contains("kan niet mee", Attachments.FromUpload("script.exe", "MZ"u8.ToArray(), null, now).Error);
        Assert.Contains("groter dan 10 MB", Attachments.FromUpload("groot.txt", new byte[Attachments.MaxBytes + 1], null, now).Error);
        Assert.Contains("past niet bij", Attachments.FromUpload("binair.txt", [0x41, 0x00, 0x42], null, now).Error);

        var note = Attachments.FromText("toelichting.txt", "Heeft extra tijd nodig bij toetsen.\nWerkt goed met een koptelefoon.", "Toelichting", now);
        Assert.Equal("Heeft extra tijd nodig bij toetsen.\nWerkt goed met een koptelefoon.", Attachments.ReadText(note));
        Assert.Null(Attachments.ReadText(pdf));
    }

    [Theory]
    [InlineData("123456", "123456")]
    [InlineData("123 456", "123456")]
    [InlineData(" 123-456 ", "123456")]
    [InlineData("12345", null)]
    [InlineData("12345a", null)]
    [InlineData(null, null)]
    public void A_code_is_six_digits_with_spaces_or_a_dash_allowed(string? typed, string? code) => Assert.Equal(code, Oso.Hosting.Accounts.SecondFactor.NormalizeCode(typed));

    [Theory]
    [InlineData("ouder@voorbeeld.nl", true)]
    [InlineData("Ouder <ouder@voorbeeld.nl>", false)]
    [InlineData("ouder@voorbeeld.nl\r\nBcc: x@y.nl", false)]
    [InlineData("ouder@localhost", false)]
    [InlineData("geen adres", false)]
    public void Only_plain_e_mail_addresses_are_accepted(string address, bool accepted) => Assert.Equal(accepted, StaffAccounts.IsEmail(address));

    [Fact]
    public void The_mail_to_parents_carries_the_code_only_in_the_link_s_fragment_and_names_no_child()
    {
        var mail = Oso.School.Parents.ParentMail.Compose(Guid.NewGuid(), "ouder@voorbeeld.nl", "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
            new Uri("https://school.example/"), "Basisschool De Regenboog", "PO", new DateTimeOffset(2026, 4, 15, 12, 0, 0, TimeSpan.Zero));

        Assert.Contains("https://school.example/ouders#code=abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", mail.Body);
        Assert.Contains("tot en met 15 april 2026", mail.Body);
        Assert.True(Encoding.UTF8.GetByteCount(mail.Subject) == mail.Subject.Length, "The subject is ASCII.");
    }
}
