using System.IO.Compression;
using Oso.Dossier.Codes;
using Oso.Dossier.Model;
using Oso.Dossier.Xml;
using Oso.School.Bron;
using Oso.School.Bulk;
using Oso.School.Crypto;
using Oso.School.Portal.Doel;
using Oso.School.Portal.Dossiers;
using Oso.Synthetic;

namespace Oso.School.Tests.Portal;

/// <summary>The worklist's pieces without a node: a pupil's group, filters and order, the bulk rule, lists to register, attachment types.</summary>
public sealed class WorklistPartsTests
{
    private static readonly DateOnly Today = new(2027, 3, 20);

    [Fact]
    public void The_group_is_this_school_s_latest_entry_in_the_school_history_by_groepscode_else_jaargroep()
    {
        var leerling = SyntheticDossiers.Fixed("povo-akkoord", Today).Huidigeschool.Leerling;
        var brin = leerling.Schoolloopbaanlijst[0].Brincode;
        Schoolloopbaan Entry(string jaar, string code, string jaargroep, DateOnly begin, string school) =>
            leerling.Schoolloopbaanlijst[0] with { Schooljaar = jaar, Groepscode = code, Jaargroep = new Code<Jaargroep>(jaargroep), Begindatum = begin, Brincode = school };

        var history = leerling with
        {
            Schoolloopbaanlijst = [Entry("2025-2026", "7B", "7", new(2025, 8, 25), brin), Entry("2026-2027", "8A", "8", new(2026, 8, 24), brin),
                Entry("2026-2027", "8Z", "8", new(2026, 9, 1), "99ZZ")],
        };
        Assert.Equal("8A", Groep.Current(history, brin)); // the other school's later entry does not count
        Assert.Equal("8", Groep.Current(history with { Schoolloopbaanlijst = [Entry("2026-2027", " ", "8", new(2026, 8, 24), brin)] }, brin));
        Assert.Null(Groep.Current(leerling with { Schoolloopbaanlijst = [] }, brin));
    }

    [Fact]
    public void Groups_sort_by_their_number_first_and_the_list_filters_and_sorts_on_every_column()
    {
        Assert.Equal(["7B", "8A", "8B", "10A", "Kangoeroe"], new[] { "8B", "10A", "Kangoeroe", "7B", "8A" }.Order(GroupOrder.Instance).ToArray());

        var rows = new[]
        {
            Row("Bram", "8B", DossierStatus.Concept, fouten: 2), Row("Anna", "8A", DossierStatus.Vrijgegeven), Row("Chris", "8A", DossierStatus.Ingezien, wachtend: 1),
            Row("Dewi", null, DossierStatus.TerInzage),
        };
        Assert.Equal(["Anna", "Bram", "Chris", "Dewi"], Names(new DossierFilter().Apply(rows)));
        Assert.Equal(["Dewi", "Chris", "Bram", "Anna"], Names(new DossierFilter(Aflopend: true).Apply(rows)));
        Assert.Equal(["Anna", "Chris", "Bram", "Dewi"], Names(new DossierFilter(Sorteer: Sortering.Groep).Apply(rows)));
        Assert.Equal(["Bram", "Dewi", "Chris", "Anna"], Names(new DossierFilter(Sorteer: Sortering.Status).Apply(rows)));
        Assert.Equal(["Bram", "Anna", "Chris", "Dewi"], Names(new DossierFilter(Sorteer: Sortering.Controle).Apply(rows)));
        Assert.Equal(["Anna", "Chris"], Names(new DossierFilter(Groep: "8a").Apply(rows)));
        Assert.Equal(["Dewi"], Names(new DossierFilter(Groep: DossierFilter.ZonderGroep).Apply(rows)));
        Assert.Equal(["Bram"], Names(new DossierFilter(MetFouten: true).Apply(rows)));
        Assert.Equal(["Chris"], Names(new DossierFilter(MetVerzoeken: true).Apply(rows)));
        Assert.Equal(["Bram"], Names(new DossierFilter(Zoek: "bra").Apply(rows)));

        var groups = GroepVoortgang.Of(rows);
        Assert.Equal(["Groep 8A", "Groep 8B", "Zonder groep"], groups.Select(g => g.Naam).ToArray());
        Assert.Equal((2, 1, 1), (groups[0].Totaal, groups[0].Klaar, groups[0].WachtendeVerzoeken));
    }

    [Fact]
    public void A_bulk_action_says_for_each_pupil_what_it_does_or_why_not()
    {
        (string, string)[] parent = [("Els de Vries", "els@voorbeeld.test")];
        Assert.Equal((true, "Krijgt een persoonlijke link per e-mail aan els@voorbeeld.test."), BulkActions.Decide(BulkKind.OuderLinks, Row("A", "8A", DossierStatus.Concept), parent, "PO"));
        Assert.Contains("Geen e-mailadres", BulkActions.Decide(BulkKind.OuderLinks, Row("A", "8A", DossierStatus.Concept), [], "PO").Wat);
        Assert.Contains("al een geldige link", BulkActions.Decide(BulkKind.OuderLinks, Row("A", "8A", DossierStatus.TerInzage), parent, "PO").Wat);
        Assert.False(BulkActions.Decide(BulkKind.OuderLinks, Row("A", "8A", DossierStatus.Ingezien), parent, "PO").Doen);

        Assert.Equal((true, "Wordt vrijgegeven als versie 1."), BulkActions.Decide(BulkKind.Vrijgeven, Row("A", "8A", DossierStatus.Ingezien), [], "PO"));
        Assert.Contains("nog niet ingezien", BulkActions.Decide(BulkKind.Vrijgeven, Row("A", "8A", DossierStatus.TerInzage), [], "PO").Wat);
        Assert.True(BulkActions.Decide(BulkKind.Vrijgeven, Row("A", "8A", DossierStatus.Concept), [], "VO").Doen); // VO needs no inzage before release
        Assert.Contains("2 fouten", BulkActions.Decide(BulkKind.Vrijgeven, Row("A", "8A", DossierStatus.Ingezien, fouten: 2), [], "PO").Wat);
        Assert.Contains("sindsdien niet gewijzigd", BulkActions.Decide(BulkKind.Vrijgeven, Row("A", "8A", DossierStatus.Vrijgegeven), [], "PO").Wat);
    }

    [Fact]
    public void A_list_to_register_is_read_per_line_with_every_error_located_and_nothing_when_one_line_is_wrong()
    {
        // as a spreadsheet copies it: tabs, a header line, an empty line, Windows line ends
        var (rows, errors) = AanmeldLijst.Parse("BSN\tgeboortedatum\tnaam\tBRIN vorige school\r\n999991000\t14-03-2014\tSanne de Vries\t91po\r\n\r\n999991073\t2014-01-02\t\t91PO", Today);
        Assert.Empty(errors);
        Assert.Equal([2, 4], rows.Select(r => r.Regel).ToArray());

        (rows, errors) = AanmeldLijst.Parse("999991000;14-03-2014;Sanne de Vries;91po\n999991073;2-1-2014;;91PO\n\"110000001\";01/02/2015;\"Bakker; Yara\";92VO", Today);
        Assert.Empty(errors);
        Assert.Equal(["999991000", "999991073", "110000001"], rows.Select(r => r.Pgn).ToArray());
        Assert.Equal(("91PO", new DateOnly(2014, 1, 2), (string?)null), (rows[0].BronBrin, rows[1].Geboortedatum, rows[1].Naam));
        Assert.Equal("Bakker; Yara", rows[2].Naam);

        (rows, errors) = AanmeldLijst.Parse("999991000;31-02-2014;Sanne;91PO\n123456789;01-01-2014;X;91PO\n999991000;01-01-2030;Y;9PO\n999991073;01-01-2014;Z", Today);
        Assert.Empty(rows);
        Assert.Equal(
        [
            "Regel 1, kolom 2 (geboortedatum): ‘31-02-2014’ is geen datum (schrijf bijvoorbeeld 14-03-2014).",
            "Regel 2, kolom 1 (BSN of onderwijsnummer): geen geldig BSN of onderwijsnummer (het voldoet niet aan de elfproef).",
            "Regel 3, kolom 2 (geboortedatum): de datum ligt in de toekomst.",
            "Regel 3, kolom 4 (BRIN vorige school): ‘9PO’ is geen BRIN-nummer (twee cijfers en twee hoofdletters, bijvoorbeeld 91PO).",
            "Regel 4: verwacht 4 kolommen (BSN of onderwijsnummer; geboortedatum; naam; BRIN vorige school), gevonden 3.",
        ], errors);
        Assert.Contains("hetzelfde nummer als regel 1", AanmeldLijst.Parse("999991000;01-01-2014;A;91PO\n999991000;01-01-2014;B;91PO", Today).Errors.Single());
        Assert.Contains("geen tekst", AanmeldLijst.Parse("999991000;01-01-2014;A\u0001;91PO", Today).Errors.Single());
        Assert.Contains("leeg", AanmeldLijst.Parse("  \n ", Today).Errors.Single());
        Assert.Null(AanmeldLijst.Decode([0x50, 0x4B, 0x03, 0x04, 0x00, 0xFF]));
        Assert.Equal("Zoë;x", AanmeldLijst.Decode([0x5A, 0x6F, 0xEB, 0x3B, 0x78])); // Latin-1 from an older spreadsheet
    }

    [Fact]
    public void An_attachment_s_type_comes_from_its_bytes_and_its_name_says_what_it_really_is()
    {
        Assert.Equal(ContentTypes.Pdf, ContentTypes.Detect("%PDF-1.7"u8).MediaType);
        Assert.Equal(ContentTypes.Text, ContentTypes.Detect("<html><script>alert(1)</script></html>"u8).MediaType); // HTML is served as text, never as HTML
        Assert.Equal(ContentTypes.Unknown, ContentTypes.Detect([0x4D, 0x5A, 0x90, 0x00]).MediaType);
        Assert.Equal(ContentTypes.Docx, ContentTypes.Detect(Zip(("[Content_Types].xml", "<Types/>"u8.ToArray()), ("word/document.xml", "<w/>"u8.ToArray()))).MediaType);
        Assert.Equal(ContentTypes.Unknown, ContentTypes.Detect(Zip(("iets.txt", "x"u8.ToArray()))).MediaType); // a ZIP that is no office document

        var pdf = Document("verslag.pdf", Zip(("verslag.pdf", "%PDF-1.4\n%%EOF"u8.ToArray())));
        var (content, name, type, error) = AttachmentFiles.Open(pdf, 0);
        Assert.Null(error);
        Assert.Equal(("verslag.pdf", ContentTypes.Pdf), (name, type));
        Assert.Equal("%PDF-1.4\n%%EOF"u8.ToArray(), content);

        var disguised = Document("rapport.pdf", Zip(("rapport.pdf", "<html><body onload=alert(1)>"u8.ToArray()), ("../../etc/passwd", "x"u8.ToArray())));
        var (files, listError) = AttachmentFiles.List(disguised);
        Assert.Null(listError);
        Assert.Equal(["rapport.pdf.txt", "passwd.txt"], files.Select(f => f.Name).ToArray());
        Assert.Equal(ContentTypes.Text, AttachmentFiles.Open(disguised, 0).MediaType);
        Assert.NotNull(AttachmentFiles.Open(disguised, 5).Error);

        var bomb = Document("bom.zip", Zip(("nul.txt", new byte[20 * 1024 * 1024])));
        Assert.Contains("te groot", AttachmentFiles.List(bomb).Error);
        Assert.Contains("geen leesbaar ZIP", AttachmentFiles.List(Document("kapot.zip", "niet een zip"u8.ToArray())).Error);
    }

    private static DossierRow Row(string naam, string? groep, DossierStatus status, int fouten = 0, int wachtend = 0) =>
        new(Guid.NewGuid(), new PupilIdentity(naam, new DateOnly(2014, 1, 1), null, groep), status, status is DossierStatus.Vrijgegeven ? 1 : null, false, [], fouten, 0,
            new DateTimeOffset(2027, 3, 1, 12, 0, 0, TimeSpan.Zero).AddMinutes(naam[0]), new DraftInzage(status is DossierStatus.Ingezien or DossierStatus.Vrijgegeven, "Ja", null))
        {
            WachtendeVerzoeken = wachtend,
        };

    private static string[] Names(IEnumerable<DossierRow> rows) => rows.Select(r => r.Identity.Naam).ToArray();

    private static Document Document(string name, byte[] zip) => new() { Bestandsnaam = name, Bestandsinhoud = Base64Text.Encode(zip) };

    private static byte[] Zip(params (string Name, byte[] Content)[] files)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, content) in files)
            {
                using var stream = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
                stream.Write(content);
            }
        return buffer.ToArray();
    }
}
