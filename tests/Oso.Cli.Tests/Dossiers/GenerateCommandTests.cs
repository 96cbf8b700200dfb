using Oso.Cli.Dossiers;
using Oso.Dossier;

namespace Oso.Cli.Tests.Dossiers;

public sealed class GenerateCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("oso-generate-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Generating_writes_the_files_and_one_summary_line()
    {
        var target = Path.Combine(_directory, "uit");

        var (code, output, error) = await CliRunner.RunAsync("dossier", "generate", "--profile", "povo", "--count", "3", "--seed", "7", "--date", "2026-03-20", "--attachment-size", "10KB", "-o", target);

        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Equal($"3 dossiers POVO geschreven naar {target} (seed 7, datum 2026-03-20, bijlagen van 10KB).\n", output.Replace("\r\n", "\n"));
        var files = Directory.GetFiles(target).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["POVO-0001.xml", "POVO-0002.xml", "POVO-0003.xml"], files);
        foreach (var file in Directory.GetFiles(target))
        {
            var dossier = DossierReader.Read(file).Dossier;
            Assert.NotNull(dossier);
            Assert.Equal(new DateOnly(2026, 3, 20), dossier.Metadata.Datum);
            Assert.Equal("POVO", dossier.Metadata.Overstap?.Value);
            Assert.All(dossier.Huidigeschool.Leerling.Overigdocumentlijst, d => Assert.InRange(d.Bestandsinhoud.DecodedLength!.Value, 10 * 1024 - 16, 10 * 1024 + 16));
        }
    }

    [Fact]
    public async Task With_a_BRIN_and_vestiging_the_dossiers_are_that_schools_and_stay_valid()
    {
        var target = Path.Combine(_directory, "uit");

        var (code, output, error) = await CliRunner.RunAsync("dossier", "generate", "-p", "VOVO", "--brin", "92VO", "--vestiging", "01", "-n", "2", "--date", "2026-03-20", "-o", target);

        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Contains("van BRIN 92VO vestiging 01", output);
        var validator = new Oso.Dossier.Validation.DossierValidator();
        foreach (var file in Directory.GetFiles(target))
        {
            var school = DossierReader.Read(file).Dossier!.Huidigeschool;
            Assert.Equal("92VO", school.Brincode);
            Assert.Equal("01", school.Vestigingscode);
            Assert.True(validator.Validate(file, TestContext.Current.CancellationToken).Valid);
        }
    }

    [Fact]
    public async Task The_same_seed_and_date_write_the_same_bytes()
    {
        var a = Path.Combine(_directory, "a");
        var b = Path.Combine(_directory, "b");

        await CliRunner.RunAsync("dossier", "generate", "-p", "VOSWV", "-n", "2", "--date", "2025-11-03", "--attachment-size", "0", "-o", a);
        await CliRunner.RunAsync("dossier", "generate", "-p", "VOSWV", "-n", "2", "--date", "2025-11-03", "--attachment-size", "0", "-o", b);

        Assert.Equal(File.ReadAllBytes(Path.Combine(a, "VOSWV-0002.xml")), File.ReadAllBytes(Path.Combine(b, "VOSWV-0002.xml")));
        Assert.DoesNotContain("<bestandsinhoud>", File.ReadAllText(Path.Combine(a, "VOSWV-0001.xml")));
    }

    [Fact]
    public async Task Without_a_date_the_dossiers_are_dated_today_by_the_clock_of_the_context()
    {
        var output = new StringWriter();
        var context = new CliContext(output, new StringWriter(), false, new FixedTime(new DateTimeOffset(2026, 6, 15, 9, 30, 0, TimeSpan.Zero)));

        var code = await OsoCli.RunAsync(["dossier", "generate", "-p", "BB", "--opt-out", "-o", _directory], context);

        Assert.Equal(0, code);
        Assert.Contains("1 dossier BB", output.ToString());
        Assert.Contains("datum 2026-06-15", output.ToString());
        Assert.Contains("opt-out", output.ToString());
        Assert.Equal(new DateOnly(2026, 6, 15), DossierReader.Read(Path.Combine(_directory, "BB-0001.xml")).Dossier!.Metadata.Datum);
    }

    [Theory]
    [InlineData("--profile", "VOMBO")]
    [InlineData("--count", "0")]
    [InlineData("--attachment-size", "veel")]
    [InlineData("--attachment-size", "2GB")]
    [InlineData("--attachment-size", "600MB")]
    [InlineData("--date", "20-03-2026")]
    [InlineData("--brin", "91po")]
    [InlineData("--vestiging", "01")]
    public async Task Wrong_usage_gives_a_Dutch_message_and_exit_code_2(string option, string value)
    {
        var args = new List<string> { "dossier", "generate", "-o", _directory };
        if (option != "--profile") args.AddRange(["--profile", "POPO"]);
        args.AddRange([option, value]);

        var (code, output, error) = await CliRunner.RunAsync([.. args]);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.StartsWith("oso: ", error);
        Assert.Empty(Directory.GetFiles(_directory));
    }

    [Fact]
    public async Task The_profile_and_the_directory_are_required()
    {
        Assert.Equal(2, (await CliRunner.RunAsync("dossier", "generate", "-o", _directory)).Code);
        Assert.Equal(2, (await CliRunner.RunAsync("dossier", "generate", "-p", "POVO")).Code);
    }

    [Theory]
    [InlineData("0", 0L)]
    [InlineData("512", 512L)]
    [InlineData("512B", 512L)]
    [InlineData("150KB", 150L * 1024)]
    [InlineData("150 kb", 150L * 1024)]
    [InlineData("2MB", 2L * 1024 * 1024)]
    [InlineData("1,5MB", 3L * 512 * 1024)]
    [InlineData("1.5 MiB", 3L * 512 * 1024)]
    public void Sizes_read_with_binary_units(string text, long expected)
    {
        Assert.True(GenerateCommand.TryParseSize(text, out var bytes));
        Assert.Equal(expected, bytes);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;

        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
    }
}
