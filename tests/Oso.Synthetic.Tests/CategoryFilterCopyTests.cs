using System.Text;
using System.Xml.Linq;
using Oso.Dossier;
using Oso.Dossier.Profiles;
using Oso.Dossier.Schema;
using Oso.Testing;

namespace Oso.Synthetic.Tests;

/// <summary>
/// The guard of the bron's streamed answer (ADR 0014 phase 3): <see cref="CategoryFilter.Copy"/> must deliver exactly
/// what the model path (<see cref="CategoryFilter.Apply"/> + <see cref="DossierWriter"/>) delivers, for every official
/// example and generated dossiers, under every profile and opt-out; its facts must give the bron's checks the model's
/// answers; and what a category filters never appears in its bytes.
/// </summary>
public sealed class CategoryFilterCopyTests
{
    private static readonly DateOnly Date = new(2026, 5, 20);

    /// <summary>The released dossiers: each official example as the file is, and generated ones indented and compact, with attachments.</summary>
    private static IEnumerable<(string Name, byte[] Xml)> Releases()
    {
        foreach (var example in StandardFiles.Examples) yield return (Path.GetFileName(example), File.ReadAllBytes(example));
        foreach (var profile in SyntheticProfile.All)
        {
            for (var seed = 1; seed <= 3; seed++)
            {
                var dossier = SyntheticDossiers.Create(profile, seed, OfficialValidationTests.Dates[seed % OfficialValidationTests.Dates.Length],
                    new SyntheticOptions { AttachmentSize = seed == 2 ? 40 * 1024 : 3 * 1024, OptOut = seed == 3 });
                yield return ($"{profile.Name}-{seed}", DossierWriter.ToBytes(dossier, indent: seed != 1));
            }
        }
    }

    /// <summary>No opt-out, every OPTIONEEL category alone, and all of them together.</summary>
    private static IEnumerable<(string Name, IReadOnlySet<Category> OptOut)> OptOuts(OverstapProfile profile)
    {
        var optional = Enum.GetValues<Category>().Where(c => profile[c] == Requirement.Optioneel).ToList();
        yield return ("geen", new HashSet<Category>());
        foreach (var c in optional) yield return (c.ToString(), new HashSet<Category> { c });
        yield return ("alle", optional.ToHashSet());
    }

    private static (byte[] Bytes, CopiedDossier Facts) Streamed(byte[] release, OverstapProfile profile, IReadOnlySet<Category> optOut)
    {
        using var output = new MemoryStream();
        using var input = new MemoryStream(release, writable: false);
        var facts = CategoryFilter.Copy(input, output, profile, optOut);
        return (output.ToArray(), facts);
    }

    [Fact]
    public void The_streamed_copy_reads_as_the_model_paths_output_for_every_dossier_profile_and_opt_out()
    {
        var cases = 0;
        foreach (var (name, xml) in Releases())
        {
            var model = DossierReader.Read(new MemoryStream(xml)).Dossier ?? throw new InvalidOperationException(name + " leest niet");
            foreach (var profile in OverstapProfiles.All)
            {
                foreach (var (optName, optOut) in OptOuts(profile))
                {
                    var label = $"{name} {profile.Name} opt-out {optName}";
                    var filtered = CategoryFilter.Apply(model, profile, optOut);
                    var expected = DossierReader.Read(new MemoryStream(DossierWriter.ToBytes(filtered, indent: false))).Dossier!;
                    var (bytes, facts) = Streamed(xml, profile, optOut);
                    var read = DossierReader.Read(new MemoryStream(bytes));
                    Assert.True(read.Dossier is not null, $"{label}: {string.Join("; ", read.Meldingen.Take(3))}");
                    Assert.True(expected.Equals(read.Dossier), $"{label}: the streamed copy differs from the model path");

                    // the bron's checks: the same answers from the copy's facts as from the model
                    Assert.Equal(model.Metadata.Standaardversie, facts.Standaardversie);
                    Assert.Equal(model.Inzage?.Inzage, facts.Inzage);
                    Assert.Equal(model.Inzage?.Toestemming?.Value, facts.Toestemming);
                    Assert.Equal(CategoryFilter.MissingRequired(filtered, profile), facts.MissingRequired(profile));
                    cases++;
                }
            }
        }
        Assert.True(cases >= 30 * 6 * 3, $"only {cases} cases");
    }

    [Fact]
    public async Task The_streamed_copy_is_valid_for_the_official_XSD()
    {
        StandardFiles.Require();
        var directory = Directory.CreateTempSubdirectory("oso-filter-copy-").FullName;
        try
        {
            var paths = new List<string>();
            foreach (var (name, xml) in Releases())
            {
                foreach (var profile in OverstapProfiles.All)
                {
                    foreach (var (optName, optOut) in OptOuts(profile).Where(o => o.Name is "geen" or "alle"))
                    {
                        var path = Path.Combine(directory, $"{Path.GetFileNameWithoutExtension(name)}-{profile.Name}-{optName}.xml");
                        await File.WriteAllBytesAsync(path, Streamed(xml, profile, optOut).Bytes);
                        paths.Add(path);
                    }
                }
            }
            var verdicts = await OfficialValidator.ValidateAsync(paths);

            Assert.Equal(paths.Count, verdicts.Count);
            var broken = verdicts.Where(v => v.Xsd.Count > 0).Select(v => $"{Path.GetFileName(v.File)}: {string.Join(" | ", v.Xsd.Take(3))}").ToList();
            Assert.True(broken.Count == 0, string.Join("\n", broken));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void What_a_filtered_category_holds_never_appears_in_the_streamed_bytes()
    {
        var checkedStrings = 0;
        var checkedCategories = new HashSet<Category>();
        foreach (var (name, xml) in Releases())
        {
            var source = XDocument.Load(new MemoryStream(xml));
            foreach (var profile in OverstapProfiles.All)
            {
                var optOut = OptOuts(profile).Single(o => o.Name == "alle").OptOut;
                var removed = Enum.GetValues<Category>().Where(c => profile[c] == Requirement.Verboden || optOut.Contains(c)).ToHashSet();
                var kept = Encoding.UTF8.GetString(DossierWriter.ToBytes(CategoryFilter.Apply(DossierReader.Read(new MemoryStream(xml)).Dossier!, profile, optOut), indent: false));
                var streamed = Encoding.UTF8.GetString(Streamed(xml, profile, optOut).Bytes);
                foreach (var row in CategoryElements.All.Where(r => removed.Contains(r.Category)))
                {
                    foreach (var element in Elements(source, row))
                    {
                        // every distinctive text in the left-out element (a base64 attachment included), unless it also
                        // occurs in what the profile keeps (a date or code shared with a delivered element)
                        foreach (var text in element.DescendantNodes().OfType<XText>().Select(t => t.Value.Trim()).Where(t => t.Length >= 8 && !kept.Contains(t, StringComparison.Ordinal)))
                        {
                            var probe = text.Length > 200 ? text[..200] : text;
                            Assert.False(streamed.Contains(probe, StringComparison.Ordinal), $"{name} {profile.Name}: {row.Category} ({row.Name}) leaked into the streamed copy");
                            checkedStrings++;
                            checkedCategories.Add(row.Category);
                        }
                    }
                }
            }
        }
        Assert.True(checkedStrings > 100, $"only {checkedStrings} strings checked");
        Assert.Contains(Category.Bijlagedocs, checkedCategories);
        Assert.Contains(Category.Oudersverzorgers, checkedCategories);
        Assert.Contains(Category.Handelingsplannen, checkedCategories);
    }

    [Fact]
    public void Long_text_with_characters_outside_the_BMP_and_markup_crosses_the_copys_chunks_unchanged()
    {
        // every document's omschrijving becomes ~50 K characters: an emoji's surrogate pair straddling each 16 K chunk
        // boundary, markup characters that must be escaped again, and accented letters
        XNamespace ns = Gegevensset2019.Namespace;
        var source = XDocument.Load(new MemoryStream(File.ReadAllBytes(StandardFiles.Example("OV_POVO_full"))));
        var text = new StringBuilder();
        while (text.Length < 50_000) text.Append('a', 16_383 - text.Length % 16_384).Append("\U0001F600 <b> & \"é\" ");
        var changed = 0;
        foreach (var omschrijving in source.Descendants(ns + "omschrijving"))
        {
            omschrijving.Value = text.ToString();
            changed++;
        }
        Assert.True(changed > 0);
        using var buffer = new MemoryStream();
        source.Save(buffer);
        var xml = buffer.ToArray();
        var model = DossierReader.Read(new MemoryStream(xml)).Dossier!;

        foreach (var profile in OverstapProfiles.All)
        {
            var expected = DossierReader.Read(new MemoryStream(DossierWriter.ToBytes(CategoryFilter.Apply(model, profile), indent: false))).Dossier!;
            var read = DossierReader.Read(new MemoryStream(Streamed(xml, profile, new HashSet<Category>()).Bytes));
            Assert.True(read.Dossier is not null, $"{profile.Name}: {string.Join("; ", read.Meldingen.Take(3))}");
            Assert.True(expected.Equals(read.Dossier), $"{profile.Name}: the streamed copy differs from the model path");
        }
    }

    [Fact]
    public void A_release_that_is_not_well_formed_is_refused_located_without_its_content()
    {
        var xml = File.ReadAllBytes(StandardFiles.Example("OV_POVO_full"));
        var text = Encoding.UTF8.GetString(xml);
        var cut = text.IndexOf("</achternaam>", StringComparison.Ordinal);
        var broken = Encoding.UTF8.GetBytes(text[..cut] + "<Geheimnaam&x; " + text[cut..]);

        var e = Assert.Throws<InvalidDataException>(() => Streamed(broken, OverstapProfiles.Povo, new HashSet<Category>()));

        Assert.Contains("geen welgevormde XML (regel", e.Message);
        Assert.DoesNotContain("Geheimnaam", e.Message);
        Assert.Null(e.InnerException);
    }

    [Fact]
    public void Every_onderwijsondersteuning_element_of_the_model_has_a_category_row()
    {
        // the streamed copy leaves onderwijsondersteuning out whole when none of its rows' elements stay: that is only
        // Apply's answer if the rows cover every element it can hold
        var properties = typeof(Dossier.Model.Onderwijsondersteuning).GetProperties().Where(p => p.Name != "EqualityContract").Select(p => p.Name.ToLowerInvariant());
        var rows = CategoryElements.All.Where(r => r.Parent == CategoryParent.Onderwijsondersteuning).Select(r => r.Name.Replace("_", "", StringComparison.Ordinal));
        Assert.Equal(properties.Order(), rows.Order());
    }

    private static IEnumerable<XElement> Elements(XDocument source, CategoryElement row)
    {
        XNamespace ns = Gegevensset2019.Namespace;
        var root = source.Root!;
        var leerling = root.Element(ns + "huidigeschool")?.Element(ns + "leerling");
        var parent = row.Parent switch
        {
            CategoryParent.Dossier => root,
            CategoryParent.Leerling => leerling,
            _ => leerling?.Element(ns + "onderwijsondersteuning"),
        };
        return parent?.Elements(ns + row.Name) ?? [];
    }
}
