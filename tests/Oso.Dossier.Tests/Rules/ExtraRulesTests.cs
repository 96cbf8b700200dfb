using System.IO.Compression;
using Oso.Dossier.Rules;
using Oso.Dossier.Rules.Extra;
using Oso.Dossier.Schema;
using Oso.Dossier.Validation;
using Oso.Dossier.Xml;
using Oso.Testing;

namespace Oso.Dossier.Tests.Rules;

public sealed class ExtraRulesTests
{
    private static string[] Codes(string body) =>
        [.. ExtraRules.Evaluate(RuleDocuments.Dossier(body)).Select(m => $"{m.Code}@{m.Locatie}")];

    [Theory]
    [InlineData("<leerling><bsn>123456782</bsn></leerling>", new string[0])]
    [InlineData("<leerling><bsn>123456789</bsn></leerling>", new[] { "EXTRA.Bsn11Proef@/dossier[1]/leerling[1]/bsn[1]" })]
    [InlineData("<leerling><bsn>000000000</bsn></leerling>", new[] { "EXTRA.Bsn11Proef@/dossier[1]/leerling[1]/bsn[1]" })]
    [InlineData("<leerling><bsn>12345</bsn></leerling>", new[] { "EXTRA.BsnVorm@/dossier[1]/leerling[1]/bsn[1]" })]
    [InlineData("<leerling><bsn>26932ABCD</bsn></leerling>", new[] { "EXTRA.BsnVorm@/dossier[1]/leerling[1]/bsn[1]" })]
    [InlineData("<leerling><bsn> 269326728 </bsn></leerling>", new string[0])]
    [InlineData("<leerling><onderwijsnummer>1000 0000</onderwijsnummer></leerling>", new[] { "EXTRA.OnderwijsnummerVorm@/dossier[1]/leerling[1]/onderwijsnummer[1]" })]
    [InlineData("<leerling><onderwijsnummer>100000004</onderwijsnummer></leerling>", new string[0])]
    [InlineData("<leerling><onderwijsnummer>123456782</onderwijsnummer></leerling>", new[] { "EXTRA.Onderwijsnummer@/dossier[1]/leerling[1]/onderwijsnummer[1]" })]
    [InlineData("<leerling><bsn>123456782</bsn><onderwijsnummer>100000004</onderwijsnummer></leerling>", new[] { "EXTRA.BsnEnOnderwijsnummer@/dossier[1]/leerling[1]" })]
    public void Pupil_numbers_are_checked_with_the_11_proef(string body, string[] expected) => Assert.Equal(expected, Codes(body));

    [Fact]
    public void A_BSN_with_letters_is_a_warning_that_leaves_the_official_verdict_alone()
    {
        var xml = File.ReadAllText(StandardFiles.Example("OV_POVO_full")).Replace("<bsn>269326728</bsn>", "<bsn>26932ABCD</bsn>", StringComparison.Ordinal);

        var report = new Oso.Dossier.Validation.DossierValidator().Validate(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(xml)), TestContext.Current.CancellationToken);
        var original = new Oso.Dossier.Validation.DossierValidator().Validate(StandardFiles.Example("OV_POVO_full"), TestContext.Current.CancellationToken);

        var melding = Assert.Single(report.Meldingen, m => m.Code == "EXTRA.BsnVorm");
        Assert.Equal(Oso.Dossier.Validation.MeldingType.Waarschuwing, melding.Type);
        Assert.Contains("26932ABCD", melding.Tekst);
        Assert.Contains("negen cijfers", melding.Tekst);
        Assert.Equal(original.Valid, report.Valid);
        Assert.Equal(original.Fouten, report.Fouten);
    }

    [Theory]
    [InlineData("<leerling><geboortedatum>2010-01-01</geboortedatum><datuminschrijving>2014-08-01</datuminschrijving><datumuitschrijving>2014-07-31</datumuitschrijving></leerling>",
        new[] { "EXTRA.UitschrijvingVoorInschrijving@/dossier[1]/leerling[1]" })]
    [InlineData("<leerling><geboortedatum>2010-01-01</geboortedatum><datuminschrijving>2009-08-01</datuminschrijving></leerling>",
        new[] { "EXTRA.InschrijvingVoorGeboorte@/dossier[1]/leerling[1]" })]
    [InlineData("<leerling><datuminschrijving>2014-08-01</datuminschrijving><datumuitschrijving>2014-08-01</datumuitschrijving></leerling>", new string[0])]
    [InlineData("<leerling><datuminschrijving>2014-08-01</datuminschrijving><datumuitschrijving>gisteren</datumuitschrijving></leerling>", new string[0])]
    [InlineData("<schoolloopbaanlijst><schoolloopbaan><begindatum>2015-08-01</begindatum><einddatum>2015-07-31</einddatum></schoolloopbaan></schoolloopbaanlijst>",
        new[] { "EXTRA.EindeVoorBegin@/dossier[1]/schoolloopbaanlijst[1]/schoolloopbaan[1]" })]
    [InlineData("<handelingsplan><startdatum>2015-08-01</startdatum><einddatum>2015-01-01</einddatum></handelingsplan>", new[] { "EXTRA.EindeVoorBegin@/dossier[1]/handelingsplan[1]" })]
    [InlineData("<tlv><tlvingangdatum>2015-08-01</tlvingangdatum><tlveinddatum>2015-01-01</tlveinddatum></tlv>", new[] { "EXTRA.EindeVoorBegin@/dossier[1]/tlv[1]" })]
    [InlineData("<opp><opp_ingangdatum>2015-08-01</opp_ingangdatum><opp_einddatum>2016-01-01</opp_einddatum></opp>", new string[0])]
    public void Impossible_periods_are_reported(string body, string[] expected) => Assert.Equal(expected, Codes(body));

    [Fact]
    public void Dates_after_the_dossier_date_are_reported_against_their_own_dossier()
    {
        var root = RuleDocuments.Read($"""
            <dossiers xmlns="{RuleDocuments.Od}">
              <dossier><metadata><datum>2019-03-01</datum></metadata>
                <leerling><geboortedatum>2019-03-02</geboortedatum><verzorger><overlijdensdatum>2019-03-01</overlijdensdatum></verzorger>
                  <toets><afname><afnamedatum>2019-04-01</afnamedatum></afname></toets></leerling></dossier>
              <dossier><metadata><datum>2020-03-01</datum></metadata><leerling><geboortedatum>2019-03-02</geboortedatum></leerling></dossier>
            </dossiers>
            """);
        Assert.Equal(
            ["EXTRA.DatumNaDossierdatum@/dossiers[1]/dossier[1]/leerling[1]/geboortedatum[1]",
             "EXTRA.DatumNaDossierdatum@/dossiers[1]/dossier[1]/leerling[1]/toets[1]/afname[1]/afnamedatum[1]"],
            ExtraRules.Evaluate(root).Select(m => $"{m.Code}@{m.Locatie}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Attachments_must_be_base64_encoded_zip_archives()
    {
        var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
            using (var w = new StreamWriter(archive.CreateEntry("a.txt").Open())) w.Write("hallo");
        var good = Convert.ToBase64String(zip.ToArray());
        var notZip = Convert.ToBase64String("%PDF-1.4 hallo"u8.ToArray());
        var truncatedZip = Convert.ToBase64String(zip.ToArray().AsSpan(0, 30).ToArray());
        Assert.Equal(
            ["EXTRA.BijlageGeenBase64@/dossier[1]/document[2]/bestandsinhoud[1]", "EXTRA.BijlageGeenZip@/dossier[1]/document[3]/bestandsinhoud[1]",
             "EXTRA.BijlageGeenZip@/dossier[1]/document[4]/bestandsinhoud[1]"],
            Codes($"<document><bestandsinhoud>{good[..20]}\n{good[20..]}</bestandsinhoud></document><document><bestandsinhoud>niet*base64</bestandsinhoud></document>" +
                  $"<document><bestandsinhoud>{notZip}</bestandsinhoud></document><document><bestandsinhoud>{truncatedZip}</bestandsinhoud></document>"));
    }

    [Theory]
    [InlineData("<schoolloopbaan><brincode>00YY</brincode></schoolloopbaan>", new string[0])]
    [InlineData("<schoolloopbaan><brincode>00yy</brincode></schoolloopbaan>", new[] { "EXTRA.BrinOngeldig@/dossier[1]/schoolloopbaan[1]/brincode[1]" })]
    [InlineData("<arrangement_pao><arrangement_brin>0YY</arrangement_brin></arrangement_pao>", new[] { "EXTRA.BrinOngeldig@/dossier[1]/arrangement_pao[1]/arrangement_brin[1]" })]
    [InlineData("<inzage><akkoord>Nee</akkoord></inzage>", new[] { "EXTRA.NietAkkoordZonderZienswijze@/dossier[1]/inzage[1]" })]
    [InlineData("<inzage><akkoord>Nee</akkoord><redennietakkoord> </redennietakkoord></inzage>", new[] { "EXTRA.NietAkkoordZonderZienswijze@/dossier[1]/inzage[1]" })]
    [InlineData("<inzage><akkoord>Nee</akkoord><redennietakkoord>Te veel</redennietakkoord></inzage>", new string[0])]
    [InlineData("<inzage><akkoord>Ja</akkoord></inzage>", new string[0])]
    public void Brin_codes_and_the_parents_view_are_checked(string body, string[] expected) => Assert.Equal(expected, Codes(body));

    [Fact]
    public void The_catalog_lists_every_code_once() =>
        Assert.Equal(ExtraRules.Catalog.Count, ExtraRules.Catalog.Select(r => r.Code).Distinct().Count());

    [Theory]
    [MemberData(nameof(StandardFiles.ExampleNames), MemberType = typeof(StandardFiles))]
    public void Extra_checks_only_warn_and_leave_the_official_verdict_alone(string example)
    {
        var root = RuleDocuments.Read(File.ReadAllBytes(StandardFiles.Example(example)));
        var extra = ExtraRules.Evaluate(root);
        Assert.All(extra, m => Assert.Equal(MeldingType.Waarschuwing, m.Type));
        Assert.All(extra, m => Assert.StartsWith("EXTRA.", m.Code, StringComparison.Ordinal));
        Assert.Empty(OfficialRules.Evaluate(root));
        Assert.DoesNotContain(extra, m => m.Code is "EXTRA.BijlageGeenBase64" or "EXTRA.Bsn11Proef");
    }

    [Theory]
    [MemberData(nameof(StandardFiles.ExampleNames), MemberType = typeof(StandardFiles))]
    public void Attachments_are_judged_alike_from_text_from_kept_content_and_from_streamed_facts(string example)
    {
        var bytes = File.ReadAllBytes(StandardFiles.Example(example));
        string[] Codes(XmlElementNode root) => [.. ExtraRules.Evaluate(root).Select(m => $"{m.Code}@{m.Locatie}")];
        var text = Codes(RuleDocuments.Read(bytes));
        var kept = Codes(SchemaValidatingReader.Read(new MemoryStream(bytes), Gegevensset2019.Schema).Root!);
        var facts = Codes(SchemaValidatingReader.Read(new MemoryStream(bytes), Gegevensset2019.Schema, keepAttachments: false).Root!);
        Assert.Equal(text, kept);
        Assert.Equal(text, facts);
    }

    [Fact]
    public void The_truncated_attachments_and_future_dates_of_the_official_examples_are_found()
    {
        // Five of the POVO example's attachments are 162-byte ZIPs cut short after their first local header,
        // and its dossier date (2016-01-02) precedes three test dates and a date of death (2017-05-01).
        var extra = ExtraRules.Evaluate(RuleDocuments.Read(File.ReadAllBytes(StandardFiles.Example("OV_POVO_full"))));
        Assert.Equal(5, extra.Count(m => m.Code == "EXTRA.BijlageGeenZip"));
        Assert.Equal(4, extra.Count(m => m.Code == "EXTRA.DatumNaDossierdatum"));
        Assert.Equal(9, extra.Count);
    }
}
