using Oso.Central.Qualification;
using Oso.Central.Register;

namespace Oso.Central.Tests.Qualification;

/// <summary>The qualification rules as pure functions: validity, reminder, expiry and re-qualification.</summary>
public sealed class KwalificatieTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 10, 0, 0, TimeSpan.Zero);

    private static School NieuweSchool() => new() { Brin = "12AB", Naam = "De Regenboog", BestuurId = "b" };

    private static List<Bewijs> AllesGoedgekeurd(DateTimeOffset op) => Handboek.Items.Select(i => new Bewijs
    {
        Id = Guid.NewGuid(), Brin = "12AB", ItemCode = i.Code, IngediendDoor = "school", IngediendOp = op, Status = BewijsStatus.Goedgekeurd,
        BeoordeeldOp = op, BeoordeeldDoor = "beheer",
    }).ToList();

    [Fact]
    public void A_school_with_one_item_missing_is_not_qualified()
    {
        var school = NieuweSchool();
        Kwalificatie.Herbereken(school, AllesGoedgekeurd(T0).Skip(1), T0);
        Assert.Equal(KwalificatieStatus.NietGekwalificeerd, Kwalificatie.StatusVan(school, T0));
        Assert.Equal(ItemStatus.Open, Kwalificatie.Checklist(AllesGoedgekeurd(T0).Skip(1), T0)[0].Status);
    }

    [Fact]
    public void A_school_is_qualified_for_the_validity_reminded_before_and_expired_after()
    {
        var school = NieuweSchool();
        Kwalificatie.Herbereken(school, AllesGoedgekeurd(T0), T0);

        Assert.Equal(T0, school.GekwalificeerdSinds);
        Assert.Equal(T0 + Handboek.Geldigheid, school.GekwalificeerdTot);
        Assert.Equal(KwalificatieStatus.Gekwalificeerd, Kwalificatie.StatusVan(school, T0.AddDays(100)));
        Assert.Equal(KwalificatieStatus.VerlooptBinnenkort, Kwalificatie.StatusVan(school, T0 + Handboek.Geldigheid - TimeSpan.FromDays(10)));
        Assert.Equal(KwalificatieStatus.Verlopen, Kwalificatie.StatusVan(school, T0 + Handboek.Geldigheid));
        Assert.Equal(ItemStatus.Verlopen, Kwalificatie.Checklist(AllesGoedgekeurd(T0), T0 + Handboek.Geldigheid)[0].Status);
    }

    [Fact]
    public void Re_qualifying_after_expiry_starts_a_new_period_only_when_every_item_is_approved_again()
    {
        var school = NieuweSchool();
        var eerst = AllesGoedgekeurd(T0);
        Kwalificatie.Herbereken(school, eerst, T0);
        var later = T0 + Handboek.Geldigheid + TimeSpan.FromDays(5);

        var half = eerst.Concat(AllesGoedgekeurd(later).Take(3)).ToList();
        Kwalificatie.Herbereken(school, half, later);
        Assert.Equal(KwalificatieStatus.Verlopen, Kwalificatie.StatusVan(school, later));

        Kwalificatie.Herbereken(school, eerst.Concat(AllesGoedgekeurd(later)), later);
        Assert.Equal(KwalificatieStatus.Gekwalificeerd, Kwalificatie.StatusVan(school, later));
        Assert.Equal(later, school.GekwalificeerdSinds);
        Assert.Equal(later + Handboek.Geldigheid, school.GekwalificeerdTot);
    }

    [Fact]
    public void A_rejection_shows_on_the_item_until_new_evidence_comes()
    {
        var bewijs = new Bewijs { Id = Guid.NewGuid(), Brin = "12AB", ItemCode = Handboek.Items[0].Code, IngediendDoor = "s", IngediendOp = T0, Status = BewijsStatus.Afgewezen, Opmerking = "Niet ondertekend." };
        var regel = Kwalificatie.Checklist([bewijs], T0)[0];
        Assert.Equal(ItemStatus.Afgewezen, regel.Status);
        Assert.Equal("Niet ondertekend.", regel.Opmerking);
        var opnieuw = new Bewijs { Id = Guid.NewGuid(), Brin = "12AB", ItemCode = bewijs.ItemCode, IngediendDoor = "s", IngediendOp = T0.AddHours(1), Status = BewijsStatus.Ingediend };
        Assert.Equal(ItemStatus.Ingediend, Kwalificatie.Checklist([bewijs, opnieuw], T0.AddHours(2))[0].Status);
    }

    [Theory]
    [InlineData("beleid.pdf", "%PDF-1.7", "application/pdf")]
    [InlineData("foto.png", "\x89PNG\r\n\x1a\n", "image/png")]
    [InlineData("beleid.docx", "PK\x03\x04", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")]
    [InlineData("beleid.pdf", "MZ\x90\0", null)]
    [InlineData("beleid.exe", "%PDF-1.7", null)]
    [InlineData("archief.zip", "PK\x03\x04", null)]
    public void Evidence_is_recognised_by_its_content_and_must_fit_its_name(string naam, string begin, string? verwacht)
    {
        var bytes = begin.Select(c => (byte)c).Concat(new byte[64]).ToArray();
        Assert.Equal(verwacht, Bestandstype.Herken(naam, bytes));
    }
}
