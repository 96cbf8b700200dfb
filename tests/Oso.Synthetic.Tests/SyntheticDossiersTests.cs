using System.IO.Compression;
using System.Text;
using Oso.Dossier;
using Oso.Dossier.Identifiers;
using Oso.Dossier.Model;
using Oso.Synthetic.Composition;

namespace Oso.Synthetic.Tests;

public sealed class SyntheticDossiersTests
{
    private static readonly DateOnly Date = new(2026, 3, 20);

    public static TheoryData<string> Profiles => new(SyntheticProfile.All.Select(p => p.Name));

    [Theory]
    [MemberData(nameof(Profiles))]
    public void The_same_seed_and_date_give_byte_identical_XML(string name)
    {
        var profile = Profile(name);
        var options = new SyntheticOptions { AttachmentSize = 20_000 };

        var first = DossierWriter.ToBytes(SyntheticDossiers.Create(profile, 42, Date, options));
        var second = DossierWriter.ToBytes(SyntheticDossiers.Create(profile, 42, Date, options));

        Assert.Equal(first, second);
        Assert.NotEqual(first, DossierWriter.ToBytes(SyntheticDossiers.Create(profile, 42, Date.AddDays(1), options)));
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Different_seeds_give_different_pupils(string name)
    {
        var pupils = Enumerable.Range(1, 25).Select(seed => SyntheticDossiers.Create(Profile(name), seed, Date).Huidigeschool.Leerling).ToList();

        Assert.Equal(25, pupils.Select(p => (string.Join(" ", p.Voornaam), p.Achternaam, p.Geboortedatum)).Distinct().Count());
        Assert.True(pupils.Select(p => p.Achternaam).Distinct().Count() >= 10);
        Assert.True(pupils.Select(p => p.Geboortedatum).Distinct().Count() >= 15);
    }

    [Fact]
    public void The_same_seed_gives_different_pupils_in_different_profiles()
    {
        var names = SyntheticProfile.All.Select(p => SyntheticDossiers.Create(p, 1, Date).Huidigeschool.Leerling).Select(l => string.Join(" ", l.Voornaam) + " " + l.Achternaam);

        Assert.Equal(SyntheticProfile.All.Count, names.Distinct().Count());
    }

    [Fact]
    public void The_attachment_size_does_not_change_the_pupil()
    {
        var without = SyntheticDossiers.Create(SyntheticProfile.Povo, 5, Date, new SyntheticOptions { AttachmentSize = 0 });
        var with = SyntheticDossiers.Create(SyntheticProfile.Povo, 5, Date, new SyntheticOptions { AttachmentSize = 100_000 });

        var a = without.Huidigeschool.Leerling;
        var b = with.Huidigeschool.Leerling;
        Assert.Equal(a with { Overigdocumentlijst = [], Onderwijsondersteuning = null, EindtoetsBasisonderwijs = null },
                     b with { Overigdocumentlijst = [], Onderwijsondersteuning = null, EindtoetsBasisonderwijs = null });
        Assert.Empty(a.Overigdocumentlijst);
        Assert.NotEmpty(b.Overigdocumentlijst);
    }

    [Theory]
    [InlineData(1024)]
    [InlineData(150 * 1024)]
    [InlineData(2 * 1024 * 1024)]
    public void Attachments_are_valid_ZIPs_of_about_the_requested_size(int size)
    {
        var dossier = SyntheticDossiers.Create(SyntheticProfile.Povo, 3, Date, new SyntheticOptions { AttachmentSize = size });

        var documents = dossier.Huidigeschool.Leerling.Overigdocumentlijst;
        Assert.NotEmpty(documents);
        foreach (var document in documents)
        {
            Assert.True(document.Bestandsinhoud.TryDecode(out var bytes));
            Assert.InRange(bytes.Length, size - 16, size + 16);
            Assert.Equal(document.Bestandsinhoud.DecodedLength, bytes.Length);
            using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
            var entry = Assert.Single(zip.Entries);
            Assert.Equal(document.Bestandsnaam, entry.FullName);
            using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
            var text = reader.ReadToEnd();
            Assert.StartsWith("Synthetisch document", text);
            Assert.Equal(entry.Length, Encoding.UTF8.GetByteCount(text));
        }
    }

    [Fact]
    public void No_attachments_anywhere_when_the_size_is_zero()
    {
        foreach (var profile in SyntheticProfile.All)
            for (var seed = 1; seed <= 20; seed++)
                Assert.DoesNotContain("<bestandsinhoud>", DossierWriter.ToXml(SyntheticDossiers.Create(profile, seed, Date, new SyntheticOptions { AttachmentSize = 0 })));
    }

    [Fact]
    public void Generated_numbers_pass_the_eleven_test_and_come_from_the_test_range()
    {
        var draw = new Draw(7);
        for (var i = 0; i < 1000; i++)
        {
            var bsn = SyntheticIds.Bsn(draw);
            Assert.True(Bsn.IsValid(bsn), bsn);
            Assert.StartsWith("999", bsn);
            Assert.True(Onderwijsnummer.IsValid(SyntheticIds.Onderwijsnummer(draw)));
        }
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Pupils_carry_a_valid_PGN_except_in_dossiers_for_the_samenwerkingsverband(string name)
    {
        var profile = Profile(name);
        foreach (var dossier in SyntheticDossiers.Many(profile, 60, 11, Date))
        {
            var leerling = dossier.Huidigeschool.Leerling;
            if (profile.Overdrachtsoort == "swv-dossier")
            {
                Assert.Null(leerling.Bsn);
                Assert.Null(leerling.Onderwijsnummer);
            }
            else
            {
                Assert.True(Pgn.TryParse(leerling.Bsn ?? leerling.Onderwijsnummer, out _));
                Assert.True(leerling.Bsn is null || Bsn.IsValid(leerling.Bsn));
            }
        }
    }

    [Fact]
    public void Many_gives_one_school_and_never_repeats_a_PGN_or_leerlingnummer()
    {
        var dossiers = SyntheticDossiers.Many(SyntheticProfile.Povo, 400, 3, Date, new SyntheticOptions { AttachmentSize = 0 }).ToList();

        Assert.Equal(400, dossiers.Count);
        Assert.Single(dossiers.Select(d => d.Huidigeschool.Brincode).Distinct());
        Assert.Equal(400, dossiers.Select(d => d.Huidigeschool.Leerling.Bsn ?? d.Huidigeschool.Leerling.Onderwijsnummer).Distinct().Count());
        Assert.Equal(400, dossiers.Select(d => d.Huidigeschool.Leerling.Leerlingid).Distinct().Count());
    }

    [Fact]
    public void Many_uses_the_school_it_is_given()
    {
        var school = SyntheticDossiers.CreateSchool(SyntheticProfile.Vovo, 8);

        var dossiers = SyntheticDossiers.Many(SyntheticProfile.Vovo, 5, 8, Date, new SyntheticOptions { School = school }).ToList();

        Assert.All(dossiers, d =>
        {
            Assert.Equal(school.Naam, d.Huidigeschool.Naam);
            Assert.Equal(school.Brincode, d.Huidigeschool.Brincode);
            Assert.Equal("VO", d.Huidigeschool.Soort);
        });
    }

    [Fact]
    public void Invalid_arguments_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticDossiers.Create(SyntheticProfile.Povo, 1, Date, new SyntheticOptions { AttachmentSize = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticDossiers.Many(SyntheticProfile.Povo, -1, 1, Date));
        Assert.Throws<ArgumentNullException>(() => SyntheticDossiers.Create(null!, 1, Date));
        var secondary = SyntheticDossiers.CreateSchool(SyntheticProfile.Vovo, 1);
        Assert.Throws<ArgumentException>(() => SyntheticDossiers.Create(SyntheticProfile.Povo, 1, Date, new SyntheticOptions { School = secondary }));
        Assert.Throws<ArgumentException>(() => SyntheticDossiers.Fixed("popo", Date, new SyntheticOptions { School = secondary }));
    }

    internal static SyntheticProfile Profile(string name) => SyntheticProfile.TryParse(name, out var p) ? p : throw new ArgumentException(name);
}
