using Oso.Protocol.Identifiers;
using Oso.Protocol.Results;

namespace Oso.Protocol.Tests.Results;

public class ResultatenTests
{
    private static readonly RouteringsKenmerk A = RouteringsKenmerk.Parse("0000000700000YY00931");
    private static readonly RouteringsKenmerk B = RouteringsKenmerk.Parse("0000000700000YY00932");
    private static readonly RouteringsKenmerk C = RouteringsKenmerk.Parse("0000000700000YY00933");

    [Fact]
    public void Every_code_has_one_row_with_a_dutch_description()
    {
        Assert.Equal(Enum.GetValues<ResultaatCode>().Order(), Resultaten.Alle.Select(r => r.Code).Order());
        Assert.All(Resultaten.Alle, r =>
        {
            Assert.False(string.IsNullOrWhiteSpace(r.Omschrijving));
            Assert.True(r.Wie == Betrokkene.Niemand || r.Actie.Length > 0, $"{r.Code} says who acts but not what to do");
        });
    }

    [Fact]
    public void The_codes_named_in_the_public_sources_are_marked_public()
    {
        ResultaatCode[] publiek =
        [
            ResultaatCode.OverdrachtGeslaagd, ResultaatCode.LeerlinginfoNietBeschikbaar, ResultaatCode.LeerlinginfoNietOpvraagbaar,
            ResultaatCode.NotificatieOntvangen, ResultaatCode.SessieAfwijkend, ResultaatCode.OnbekendAanleverpunt,
            ResultaatCode.GeenRelatieMetDoel, ResultaatCode.SessieReedsAfgemeld, ResultaatCode.VerstrekkerNietBekend,
        ];

        Assert.Equal(publiek.Order(), Resultaten.Alle.Where(r => r.Herkomst == Herkomst.Publiek).Select(r => r.Code).Order());
    }

    [Fact]
    public void Wire_values_parse_exactly()
    {
        Assert.True(Resultaten.TryParse("LeerlinginfoNietOpvraagbaar", out var code));
        Assert.Equal(ResultaatCode.LeerlinginfoNietOpvraagbaar, code);
        Assert.False(Resultaten.TryParse("leerlinginfonietopvraagbaar", out _));
        Assert.False(Resultaten.TryParse("0", out _));
    }

    [Fact]
    public void The_best_result_wins_whatever_the_order()
    {
        var beste = BesteResultaat.Kies([
            new Bevraging(A, ResultaatCode.LeerlingOnbekend),
            new Bevraging(B, ResultaatCode.OverdrachtGeslaagd),
            new Bevraging(C, ResultaatCode.TechnischeFout),
        ]);

        Assert.Equal(new Bevraging(B, ResultaatCode.OverdrachtGeslaagd), beste);
    }

    [Fact]
    public void On_a_tie_the_aanleverpunt_asked_last_counts()
    {
        var beste = BesteResultaat.Kies([
            new Bevraging(A, ResultaatCode.LeerlinginfoNietBeschikbaar),
            new Bevraging(B, ResultaatCode.LeerlinginfoNietBeschikbaar),
            new Bevraging(C, ResultaatCode.LeerlingOnbekend),
        ]);

        Assert.Equal(B, beste!.Aanleverpunt);
    }

    [Fact]
    public void Equal_ranks_of_different_codes_are_a_tie_too()
    {
        Assert.Equal(ResultaatCode.SessieAfwijkend.Info().Rangorde, ResultaatCode.SessieVerlopen.Info().Rangorde);

        var beste = BesteResultaat.Kies([new Bevraging(A, ResultaatCode.SessieVerlopen), new Bevraging(B, ResultaatCode.SessieAfwijkend)]);

        Assert.Equal(new Bevraging(B, ResultaatCode.SessieAfwijkend), beste);
    }

    [Fact]
    public void Nothing_asked_means_no_best_result()
    {
        Assert.Null(BesteResultaat.Kies([]));
    }

    [Fact]
    public void An_acknowledgement_is_not_an_outcome()
    {
        Assert.Throws<ArgumentException>(() => BesteResultaat.Kies([new Bevraging(A, ResultaatCode.NotificatieOntvangen)]));
    }

    [Fact]
    public void The_ranking_puts_outcomes_about_the_dossier_above_session_problems_above_technical_failures()
    {
        int Rang(ResultaatCode c) => c.Info().Rangorde!.Value;

        Assert.True(Rang(ResultaatCode.OverdrachtGeslaagd) > Rang(ResultaatCode.LeerlinginfoNietGewijzigd));
        Assert.True(Rang(ResultaatCode.LeerlinginfoNietGewijzigd) > Rang(ResultaatCode.LeerlinginfoNietOpvraagbaar));
        Assert.True(Rang(ResultaatCode.LeerlinginfoNietOpvraagbaar) > Rang(ResultaatCode.LeerlinginfoNietBeschikbaar));
        Assert.True(Rang(ResultaatCode.LeerlinginfoNietBeschikbaar) > Rang(ResultaatCode.LeerlingOnbekend));
        Assert.True(Rang(ResultaatCode.LeerlingOnbekend) > Rang(ResultaatCode.SessieAfwijkend));
        Assert.True(Rang(ResultaatCode.SessieAfwijkend) > Rang(ResultaatCode.OngeldigVerzoek));
        Assert.True(Rang(ResultaatCode.OngeldigVerzoek) > Rang(ResultaatCode.TechnischeFout));
    }

    [Fact]
    public void The_trace_line_says_who_must_act()
    {
        Assert.Contains("de bronschool", ResultaatCode.LeerlinginfoNietOpvraagbaar.Info().Toelichting);
        Assert.Equal("Het dossier is overgedragen.", ResultaatCode.OverdrachtGeslaagd.Info().Toelichting);
    }
}
