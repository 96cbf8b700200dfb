using Oso.Protocol.Soap;

namespace Oso.Protocol.Tests.Soap;

public class FieldValidationTests
{
    private const string Routing =
        "<ns1:bronBrin>00YY</ns1:bronBrin><ns1:bronRouteringsKenmerk>0000000700000YY00931</ns1:bronRouteringsKenmerk>"
        + "<ns1:doelBrin>00YY</ns1:doelBrin><ns1:doelRouteringsKenmerk>0000000700000YY00932</ns1:doelRouteringsKenmerk>";

    private static string DocumentRequest(string sleutel) => TestData.Envelope(
        "<ns1:documentRequest>" + Routing + "<ns1:sessieId>9cebd89c-8953-416b-a2cb-ecee939f1775</ns1:sessieId>"
        + "<ns1:overdrachtsoort>overstapdossier</ns1:overdrachtsoort>" + sleutel + "</ns1:documentRequest>");

    private static string Geheim => $"<ns1:zoeksleutelGeheim>{TestData.Geheim.ToBase64()}</ns1:zoeksleutelGeheim>";

    [Fact]
    public async Task An_invalid_pgn_is_refused_without_the_number_in_the_fault()
    {
        var fault = TestData.Rejected(await TestData.ReadAsync(DocumentRequest("<ns1:pgn>111222334</ns1:pgn>" + Geheim)));

        Assert.Equal(SoapFoutcodes.OngeldigeWaarde, fault.Foutcode);
        Assert.Contains("'pgn'", fault.Tekst);
        Assert.DoesNotContain("111222334", fault.Omschrijving);
    }

    [Fact]
    public async Task A_missing_required_field_names_the_field_and_the_message()
    {
        var fault = TestData.Rejected(await TestData.ReadAsync(DocumentRequest("<ns1:pgn>111222333</ns1:pgn>")));

        Assert.Equal(SoapFoutcodes.ElementOntbreekt, fault.Foutcode);
        Assert.Contains("'zoeksleutelGeheim'", fault.Tekst);
        Assert.Contains("'documentRequest'", fault.Tekst);
        Assert.NotNull(fault.Regel);
    }

    [Fact]
    public async Task Pgn_and_koppelsleutel_together_are_refused()
    {
        var xml = DocumentRequest("<ns1:pgn>111222333</ns1:pgn>" + Geheim + "<ns1:koppelsleutel>19677A96-B737-402E-B3B8-24A3EEF32000</ns1:koppelsleutel>");

        Assert.Equal(SoapFoutcodes.ElementOntbreekt, TestData.Rejected(await TestData.ReadAsync(xml)).Foutcode);
    }

    [Fact]
    public async Task A_repeated_field_is_refused()
    {
        var xml = DocumentRequest("<ns1:pgn>111222333</ns1:pgn><ns1:pgn>111222333</ns1:pgn>" + Geheim);

        Assert.Equal(SoapFoutcodes.DubbelElement, TestData.Rejected(await TestData.ReadAsync(xml)).Foutcode);
    }

    [Fact]
    public async Task An_unexpected_field_is_refused_where_it_stands()
    {
        var xml = DocumentRequest("<ns1:pgn>111222333</ns1:pgn>" + Geheim + "<ns1:sector>VO</ns1:sector>");

        var fault = TestData.Rejected(await TestData.ReadAsync(xml));

        Assert.Equal(SoapFoutcodes.OnbekendElement, fault.Foutcode);
        Assert.Contains("'sector'", fault.Tekst);
    }

    [Fact]
    public async Task A_field_with_child_elements_is_refused()
    {
        var xml = DocumentRequest("<ns1:pgn><ns1:bsn>111222333</ns1:bsn></ns1:pgn>" + Geheim);

        Assert.Equal(SoapFoutcodes.OngeldigeWaarde, TestData.Rejected(await TestData.ReadAsync(xml)).Foutcode);
    }

    [Theory]
    [InlineData("2022-01-20T11:17:33")]
    [InlineData("2022-01-20")]
    [InlineData("20-01-2022 11:17")]
    public async Task A_date_without_a_time_zone_is_refused(string datum)
    {
        var xml = DocumentRequest("<ns1:pgn>111222333</ns1:pgn>" + Geheim + $"<ns1:aanvraagdatum>{datum}</ns1:aanvraagdatum>");

        Assert.Equal(SoapFoutcodes.OngeldigeWaarde, TestData.Rejected(await TestData.ReadAsync(xml)).Foutcode);
    }

    [Theory]
    [InlineData("<ns1:resultaat>OverdrachtGeslaagd</ns1:resultaat>")]
    [InlineData("<ns1:resultaat>NotificatieOntvangen</ns1:resultaat>")]
    [InlineData("<ns1:resultaat>overdrachtgeslaagd</ns1:resultaat>")]
    [InlineData("<ns1:resultaat>3</ns1:resultaat>")]
    public async Task A_refusal_must_carry_a_refusal_code(string resultaat)
    {
        var fault = TestData.Rejected(await TestData.ReadAsync(TestData.Envelope($"<ns1:overdrachtResponse>{resultaat}</ns1:overdrachtResponse>")));

        Assert.Equal(SoapFoutcodes.OngeldigeWaarde, fault.Foutcode);
    }

    [Fact]
    public async Task An_aanleverpunt_url_must_be_https()
    {
        var xml = TestData.Envelope("<ns1:overzichtAanleverpuntResponse><ns1:aanleverpunt><ns1:routeringsKenmerk>0000000700000YY00931</ns1:routeringsKenmerk>"
            + "<ns1:url>http://las.example.nl/oso</ns1:url></ns1:aanleverpunt></ns1:overzichtAanleverpuntResponse>");

        Assert.Equal(SoapFoutcodes.OngeldigeWaarde, TestData.Rejected(await TestData.ReadAsync(xml)).Foutcode);
    }

    [Fact]
    public async Task A_valid_sessiecontrole_without_the_session_s_system_is_refused_so_a_bron_cannot_skip_the_binding()
    {
        var xml = TestData.Envelope("<ns1:sessiecontroleResponse><ns1:sector>VO</ns1:sector></ns1:sessiecontroleResponse>");

        var fault = TestData.Rejected(await TestData.ReadAsync(xml));

        Assert.Equal(SoapFoutcodes.ElementOntbreekt, fault.Foutcode);
        Assert.Contains("'doelBrin'", fault.Tekst);
    }

    [Fact]
    public async Task The_system_of_an_aanleverpunt_must_be_a_system_id()
    {
        var xml = TestData.Envelope("<ns1:overzichtAanleverpuntResponse><ns1:aanleverpunt><ns1:routeringsKenmerk>0000000700000YY00931</ns1:routeringsKenmerk>"
            + "<ns1:url>https://las.example.nl/oso</ns1:url><ns1:systeem>las voorbeeld!</ns1:systeem></ns1:aanleverpunt></ns1:overzichtAanleverpuntResponse>");

        var fault = TestData.Rejected(await TestData.ReadAsync(xml));

        Assert.Equal(SoapFoutcodes.OngeldigeWaarde, fault.Foutcode);
        Assert.Contains("'systeem'", fault.Tekst);
    }

    [Fact]
    public async Task Aanleverpunt_entries_are_refused_where_they_do_not_belong()
    {
        var xml = TestData.Envelope("<ns1:overzichtAanleverpuntRequest><ns1:aanleverpunt><ns1:routeringsKenmerk>0000000700000YY00931</ns1:routeringsKenmerk>"
            + "<ns1:url>https://las.example.nl/oso</ns1:url></ns1:aanleverpunt></ns1:overzichtAanleverpuntRequest>");

        Assert.Equal(SoapFoutcodes.OnbekendElement, TestData.Rejected(await TestData.ReadAsync(xml)).Foutcode);
    }

    [Fact]
    public async Task A_response_is_refused_where_a_request_is_expected()
    {
        var xml = TestData.Envelope("<ns1:afmeldingResponse><ns1:resultaat>AfmeldingOntvangen</ns1:resultaat></ns1:afmeldingResponse>");

        var result = await SoapReader.ReadRequestAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(xml)), cancellationToken: TestData.Ct);

        Assert.Equal(SoapFoutcodes.VerwachtVerzoek, TestData.Rejected(result).Foutcode);
    }

    [Fact]
    public async Task The_pgnfrag_of_the_public_sample_is_accepted_and_dropped()
    {
        var xml = TestData.Envelope("<ns1:sessiecontroleRequest>" + Routing + "<ns1:zoeksleutelPgnfrag><ns1:zoeksleutel>" + TestData.Zoek.ToBase64()
            + "</ns1:zoeksleutel><ns1:pgnfrag>9468</ns1:pgnfrag></ns1:zoeksleutelPgnfrag><ns1:overdrachtsoort>overstapdossier</ns1:overdrachtsoort>"
            + "<ns1:sessieId>9cebd89c-8953-416b-a2cb-ecee939f1775</ns1:sessieId></ns1:sessiecontroleRequest>");

        var read = TestData.Read<Oso.Protocol.Messages.SessiecontroleRequest>(await TestData.ReadAsync(xml));

        Assert.DoesNotContain("9468", read.ToString());
        Assert.Equal(TestData.Zoek, Assert.IsType<Oso.Protocol.Messages.SessieSleutel.Zoek>(read.Sleutel).Zoeksleutel);
    }
}
