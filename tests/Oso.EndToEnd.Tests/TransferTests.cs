using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Oso.Cli.Demo;
using Oso.School.Storage;
using Oso.Cli.Up;
using Oso.Dossier;
using Oso.Dossier.Model;
using Oso.Dossier.Profiles;
using Oso.School.Portal.Dossiers;
using Oso.School.Bron;
using Oso.School.LasApi;
using Oso.Synthetic;
using Oso.Testing;

namespace Oso.EndToEnd.Tests;

/// <summary>The transfers of issue 4, end to end over real Kestrel listeners and mutual TLS, on each engine.</summary>
public abstract class TransferTests<TChain>(TChain fixture) where TChain : ChainFixture
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    protected TChain Fixture { get; } = fixture;

    private static string Pgn(Dossier.Model.Dossier d) => (d.Huidigeschool.Leerling.Bsn ?? d.Huidigeschool.Leerling.Onderwijsnummer)!;

    private static AanmeldingDto Aanmelding(Dossier.Model.Dossier d, string bron, string? soort = null) =>
        new(Pgn(d), d.Huidigeschool.Leerling.Geboortedatum!.Value, bron, BronDossiers.Name(d.Huidigeschool.Leerling), soort);

    private async Task<string> ReleasedAsync(LasApiClient bron, Dossier.Model.Dossier pupil, InzageInput? inzage = null)
    {
        var lasId = "L" + Guid.NewGuid().ToString("N")[..10];
        await bron.DeliverAsync(lasId, pupil, _ct);
        await bron.RecordInzageAsync(lasId, inzage ?? new InzageInput(ChainFixture.Today, "Ja", null, null), _ct);
        await bron.ReleaseAsync(lasId, _ct);
        return lasId;
    }

    private async Task<(Guid Aanmelding, AanvraagDto Request)> RequestAsync(LasApiClient doel, Dossier.Model.Dossier pupil, string bron, DateTimeOffset? since = null,
        string? soort = null)
    {
        var aanmelding = await doel.RegisterAsync(Aanmelding(pupil, bron, soort), _ct);
        var request = await doel.WaitForRequestAsync(await doel.RequestAsync(aanmelding, since, _ct), Wait, _ct);
        Assert.Equal("Klaar", request.Status);
        return (aanmelding, request);
    }

    [Fact]
    public async Task A_released_dossier_arrives_complete_valid_and_without_the_PGN_ever_reaching_Central()
    {
        Fixture.RequireChain();
        using var po = Fixture.Po;
        using var vo = Fixture.Vo;
        var pupil = Fixture.NewPupil();
        await ReleasedAsync(po, pupil);

        var (aanmelding, request) = await RequestAsync(vo, pupil, po.Brin);

        Assert.Equal("OverdrachtGeslaagd", request.Resultaat);
        Assert.Equal(["Aanvraag", "Sessie bij het Traffic Center", "Dossier opvragen", "Afmelding"], request.Stappen.Select(s => s.Stap));
        var received = Assert.Single(await vo.ReceivedAsync(onlyNew: true, _ct), r => r.AanmeldingId == aanmelding);
        var xml = await vo.ReceivedXmlAsync(received.Id, _ct);
        var file = Path.Combine(Fixture.DataDirectory, $"received-{received.Id}.xml");
        await File.WriteAllBytesAsync(file, xml, _ct);
        var official = await OfficialValidator.ValidateAsync(file, _ct);
        Assert.True(official.Valid, string.Join(" | ", official.Xsd.Concat(official.Rules.Select(r => r.Locatie + " " + r.Tekst))));
        Assert.Contains(pupil.Huidigeschool.Leerling.Achternaam, Encoding.UTF8.GetString(xml));
        Assert.NotEmpty(Fixture.ReceivedByCentral);
        Assert.False(Fixture.CentralSaw(Pgn(pupil)), "Central received the PGN");
        await vo.AcknowledgeAsync(received.Id, _ct);
        Assert.DoesNotContain(await vo.ReceivedAsync(onlyNew: true, _ct), r => r.AanmeldingId == aanmelding);
    }

    [Theory]
    [InlineData("POPO")]
    [InlineData("POVO")]
    [InlineData("VOVO")]
    [InlineData("BB")]
    public async Task Forbidden_and_opted_out_categories_never_leave_the_node(string profileName)
    {
        Fixture.RequireChain();
        var profile = OverstapProfiles.ByName(profileName)!;
        // a POPO-shaped dossier holds vve, which POVO forbids; the VO school's pupils are VOVO-shaped;
        // binnen-BRIN (BB) is a transfer within one BRIN: the school asks itself, over the Traffic Center like any other
        var (bronSchool, doelSchool, pupil) = profileName switch
        {
            "POPO" => (Fixture.Chain.State.Po, await Fixture.SecondPoAsync(), Fixture.NewPupil(SyntheticProfile.Popo)),
            "POVO" => (Fixture.Chain.State.Po, Fixture.Chain.State.Vo, PupilWith(Category.Vve)),
            "BB" => (Fixture.Chain.State.Po, Fixture.Chain.State.Po, Fixture.NewPupil(SyntheticProfile.Popo)),
            _ => (Fixture.Chain.State.Vo, await Fixture.SecondVoAsync(), Fixture.NewPupil(SyntheticProfile.Vovo, DemoSchools.Vo)),
        };
        var original = CategoryFilter.Present(pupil);
        var forbidden = Enum.GetValues<Category>().Where(c => profile[c] == Requirement.Verboden).ToHashSet();
        // every other category the school may switch off, of those the dossier holds
        var optOut = LeerlingModel.Optional(bronSchool.Sector).Select(o => o.Categorie).Where(original.Contains).Where((_, i) => i % 2 == 0).ToHashSet();
        Assert.NotEmpty(optOut);
        if (profileName == "POVO") Assert.Contains(Category.Vve, original.Intersect(forbidden));

        using var bron = Fixture.Las(bronSchool);
        using var doel = Fixture.Las(doelSchool);
        var lasId = "L" + Guid.NewGuid().ToString("N")[..10];
        await bron.DeliverAsync(lasId, pupil, _ct);
        await bron.RecordInzageAsync(lasId, new InzageInput(ChainFixture.Today, "Ja", null, bronSchool.Sector == "VO" ? "Ja" : null), _ct);
        await bron.ReleaseAsync(lasId, optOut.Select(c => c.ToString()).ToList(), _ct);
        var (aanmelding, request) = await RequestAsync(doel, pupil, bron.Brin, soort: profile.Overdrachtsoort);
        Assert.Equal("OverdrachtGeslaagd", request.Resultaat);

        var received = Assert.Single(await doel.ReceivedAsync(onlyNew: true, _ct), r => r.AanmeldingId == aanmelding);
        using var xml = new MemoryStream(await doel.ReceivedXmlAsync(received.Id, _ct));
        var dossier = DossierReader.ReadDossier(xml);
        Assert.Equal(profile.Overdrachtsoort, dossier.Overdrachtsoort.Value);
        var arrived = CategoryFilter.Present(dossier);
        Assert.Empty(arrived.Intersect(forbidden.Union(optOut)));
        Assert.Subset(arrived.ToHashSet(), original.Except(forbidden).Except(optOut).ToHashSet());
    }

    /// <summary>The next synthetic POPO-shaped pupil whose dossier holds <paramref name="category"/> (the generator fills it for some seeds only).</summary>
    private Dossier.Model.Dossier PupilWith(Category category)
    {
        for (var i = 0; i < 100; i++)
        {
            var pupil = Fixture.NewPupil(SyntheticProfile.Popo);
            if (CategoryFilter.Present(pupil).Contains(category)) return pupil;
        }
        throw new InvalidOperationException("No synthetic pupil with " + category);
    }

    [Fact]
    public async Task A_received_dossier_carries_the_bron_s_checked_signature_over_its_exact_bytes_and_keeps_it()
    {
        Fixture.RequireChain();
        using var po = Fixture.Po;
        using var vo = Fixture.Vo;
        var pupil = Fixture.NewPupil(attachmentSize: 48 * 1024); // a dossier of several 64 KiB chunks
        await ReleasedAsync(po, pupil);

        var (aanmelding, request) = await RequestAsync(vo, pupil, po.Brin);

        var received = Assert.Single(await vo.ReceivedAsync(onlyNew: true, _ct), r => r.AanmeldingId == aanmelding);
        Assert.Equal("Geldig", received.Handtekening?.Status);
        Assert.Equal(DemoChain.SysteemId, received.Handtekening?.Ondertekenaar);
        Assert.Contains("gecontroleerd", request.Stappen.Single(s => s.Stap == "Dossier opvragen").Toelichting, StringComparison.Ordinal);
        var xml = await vo.ReceivedXmlAsync(received.Id, _ct);
        Assert.Equal(received.Handtekening?.Sha256, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(xml)));
        // stored in encrypted chunks and streamed back from them byte for byte (ADR 0014)
        Assert.True(xml.Length > Oso.School.Storage.StoredChunks.ChunkBytes, $"{xml.Length} bytes");
        await using (var db = Fixture.ReadNode())
            Assert.Equal((xml.Length / Oso.School.Storage.StoredChunks.ChunkBytes) + 1,
                (await db.ReceivedDossiers.SingleAsync(d => d.Id == received.Id, _ct)).XmlChunks);
        var signature = Oso.Protocol.Proofs.Handtekening.Create(Assert.IsType<byte[]>(await vo.ReceivedSignatureAsync(received.Id, _ct)));
        var verwachting = new Oso.Protocol.Proofs.Verwachting(Oso.Protocol.Proofs.VerklaringSoort.Verzending, Oso.Protocol.Identifiers.SysteemId.Parse(DemoChain.SysteemId));
        Assert.IsType<Oso.Protocol.Proofs.Handtekeningcontrole.Geldig>(Oso.Protocol.Proofs.Bewijzen.Controleer(signature, xml, Fixture.Node.Validator, verwachting));
        xml[^20] ^= 0x01;
        Assert.IsType<Oso.Protocol.Proofs.Handtekeningcontrole.Ongeldig>(Oso.Protocol.Proofs.Bewijzen.Controleer(signature, xml, Fixture.Node.Validator, verwachting));
    }

    [Fact]
    public async Task A_dossier_past_the_spool_threshold_is_received_through_the_encrypted_spool_and_stored_byte_identical()
    {
        Fixture.RequireChain();
        using var po = Fixture.Po;
        using var vo = Fixture.Vo;
        // attachments of 7 MiB: a dossier of ~9–19 MiB, past the client's 8 MiB spool threshold, so the doel captures it
        // into an encrypted spool file and validates, hashes, checks and stores it from there (ADR 0014 phase 2)
        var pupil = Fixture.NewPupil(attachmentSize: 7 * 1024 * 1024);
        await ReleasedAsync(po, pupil);

        var (aanmelding, request) = await RequestAsync(vo, pupil, po.Brin);

        var received = Assert.Single(await vo.ReceivedAsync(onlyNew: true, _ct), r => r.AanmeldingId == aanmelding);
        Assert.Equal("Geldig", received.Handtekening?.Status);
        Assert.Contains("gecontroleerd", request.Stappen.Single(s => s.Stap == "Dossier opvragen").Toelichting, StringComparison.Ordinal);
        var xml = await vo.ReceivedXmlAsync(received.Id, _ct);
        Assert.True(xml.Length > Oso.Protocol.Soap.SoapLimits.Spooled.SpoolAboveBytes, $"{xml.Length} bytes");
        // the bytes the bron signed, byte for byte: the stored digest, the signature's and the download's agree
        Assert.Equal(received.Handtekening?.Sha256, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(xml)));
        var signature = Oso.Protocol.Proofs.Handtekening.Create(Assert.IsType<byte[]>(await vo.ReceivedSignatureAsync(received.Id, _ct)));
        var verwachting = new Oso.Protocol.Proofs.Verwachting(Oso.Protocol.Proofs.VerklaringSoort.Verzending, Oso.Protocol.Identifiers.SysteemId.Parse(DemoChain.SysteemId));
        Assert.IsType<Oso.Protocol.Proofs.Handtekeningcontrole.Geldig>(Oso.Protocol.Proofs.Bewijzen.Controleer(signature, xml, Fixture.Node.Validator, verwachting));
        await using (var db = Fixture.ReadNode())
            Assert.Equal((xml.Length + Oso.School.Storage.StoredChunks.ChunkBytes - 1) / Oso.School.Storage.StoredChunks.ChunkBytes,
                (await db.ReceivedDossiers.SingleAsync(d => d.Id == received.Id, _ct)).XmlChunks);
        // the bron's answer went through a spool file of its own (ADR 0014 phase 3), closed once it was sent
        await ChainFixture.NoSpoolFileLeftAsync(_ct);
    }

    [Fact]
    public async Task A_dossier_that_is_not_released_is_refused_with_LeerlinginfoNietBeschikbaar_and_the_bron_must_act()
    {
        Fixture.RequireChain();
        using var po = Fixture.Po;
        using var vo = Fixture.Vo;
        var pupil = Fixture.NewPupil();
        await po.DeliverAsync("L" + Guid.NewGuid().ToString("N")[..10], pupil, _ct);

        var (_, request) = await RequestAsync(vo, pupil, po.Brin);

        Assert.Equal("LeerlinginfoNietBeschikbaar", request.Resultaat);
        Assert.Contains("Actie voor de bronschool", request.Toelichting);
    }

    [Fact]
    public async Task A_VO_dossier_without_consent_is_refused_with_LeerlinginfoNietOpvraagbaar()
    {
        Fixture.RequireChain();
        var other = await Fixture.SecondVoAsync();
        using var bron = Fixture.Vo;
        using var doel = Fixture.Las(other);
        var pupil = Fixture.NewPupil(SyntheticProfile.Vovo, DemoSchools.Vo);
        await ReleasedAsync(bron, pupil, new InzageInput(ChainFixture.Today, "Ja", null, "Nee"));

        var (_, request) = await RequestAsync(doel, pupil, bron.Brin);

        Assert.Equal("LeerlinginfoNietOpvraagbaar", request.Resultaat);
    }

    [Fact]
    public async Task A_dossier_not_changed_since_the_aanvraagdatum_is_not_sent_again()
    {
        Fixture.RequireChain();
        using var po = Fixture.Po;
        using var vo = Fixture.Vo;
        var pupil = Fixture.NewPupil();
        await ReleasedAsync(po, pupil);

        var (_, request) = await RequestAsync(vo, pupil, po.Brin, since: TimeProvider.System.GetUtcNow().AddMinutes(1));

        Assert.Equal("LeerlinginfoNietGewijzigd", request.Resultaat);
    }

    [Fact]
    public async Task A_pupil_the_bron_does_not_know_is_refused_with_LeerlingOnbekend()
    {
        Fixture.RequireChain();
        using var vo = Fixture.Vo;
        var stranger = Fixture.NewPupil();

        var (_, request) = await RequestAsync(vo, stranger, DemoSchools.Po.Brin);

        Assert.Equal("LeerlingOnbekend", request.Resultaat);
    }

    [Fact]
    public async Task An_unqualified_doel_school_gets_no_session()
    {
        Fixture.RequireChain();
        var unqualified = await Fixture.UnqualifiedVoAsync();
        using var po = Fixture.Po;
        using var doel = Fixture.Las(unqualified);
        var pupil = Fixture.NewPupil();
        await ReleasedAsync(po, pupil);

        var (_, request) = await RequestAsync(doel, pupil, po.Brin);

        Assert.Equal("NietGekwalificeerd", request.Resultaat);
        Assert.DoesNotContain(request.Stappen, s => s.Stap == "Dossier opvragen");
    }

    [Fact]
    public async Task A_request_without_aanmelding_is_refused_locally()
    {
        Fixture.RequireChain();
        using var vo = Fixture.Vo;
        var before = Fixture.ReceivedByCentral.Count;

        var refused = await Assert.ThrowsAsync<LasApiException>(() => vo.RequestAsync(Guid.NewGuid(), null, _ct));

        Assert.Equal(HttpStatusCode.NotFound, refused.Status);
        Assert.Contains("aanmelding", refused.Message);
        Assert.Equal(before, Fixture.ReceivedByCentral.Count);
    }

    [Fact]
    public async Task A_refused_request_is_notified_after_the_release_and_the_dossier_arrives_once()
    {
        Fixture.RequireChain();
        using var po = Fixture.Po;
        using var vo = Fixture.Vo;
        var pupil = Fixture.NewPupil();
        var lasId = "L" + Guid.NewGuid().ToString("N")[..10];
        await po.DeliverAsync(lasId, pupil, _ct);
        var (aanmelding, first) = await RequestAsync(vo, pupil, po.Brin);
        Assert.Equal("LeerlinginfoNietBeschikbaar", first.Resultaat);

        await po.RecordInzageAsync(lasId, new InzageInput(ChainFixture.Today, "Nee", "Wij zijn het niet eens met het advies.", null), _ct);
        var release = await po.ReleaseAsync(lasId, _ct);

        Assert.Equal(1, release.Notificaties);
        var received = await WaitForReceivedAsync(vo, aanmelding);
        var xml = Encoding.UTF8.GetString(await vo.ReceivedXmlAsync(received.Id, _ct));
        Assert.Contains("Wij zijn het niet eens met het advies.", xml);
        var followUp = await vo.GetRequestAsync(received.AanvraagId, _ct);
        Assert.Contains("bronschool meldde", followUp.Stappen[0].Toelichting);
        await Task.Delay(1500, _ct);
        Assert.Single(await vo.ReceivedAsync(onlyNew: false, _ct), r => r.AanmeldingId == aanmelding);
    }

    [Fact]
    public async Task A_node_restarted_while_a_notification_is_being_retried_still_delivers_exactly_once()
    {
        Fixture.RequireChain();
        var pupil = Fixture.NewPupil();
        var lasId = "L" + Guid.NewGuid().ToString("N")[..10];
        Guid aanmelding;
        using (var po = Fixture.Po)
        using (var vo = Fixture.Vo)
        {
            await po.DeliverAsync(lasId, pupil, _ct);
            (aanmelding, _) = await RequestAsync(vo, pupil, po.Brin);
        }

        // the Traffic Center goes away; the release queues the notification, whose attempts now fail
        await Fixture.Chain.RestartCentralAsync(async () =>
        {
            using var po = Fixture.Po;
            await po.RecordInzageAsync(lasId, new InzageInput(ChainFixture.Today, "Ja", null, null), _ct);
            await po.ReleaseAsync(lasId, _ct);
            await Task.Delay(1500, _ct); // a few failed attempts
            await Fixture.Chain.RestartSchoolAsync(cancellationToken: _ct); // the node restarts in the middle of the retries
            await Task.Delay(1000, _ct);
        }, _ct);

        using var doel = Fixture.Vo;
        await WaitForReceivedAsync(doel, aanmelding);
        await Task.Delay(3000, _ct); // any duplicate would arrive now
        Assert.Single(await doel.ReceivedAsync(onlyNew: false, _ct), r => r.AanmeldingId == aanmelding);
        await using var db = Fixture.Chain.School.Services.GetRequiredService<SchoolStore>().Read();
        var notifications = await db.Outbox.Where(m => m.Kind == NotificationSender.Kind).ToListAsync(_ct);
        Assert.Single(notifications, m => m.CompletedAt != null && m.Attempts >= 2); // it failed at least once, then went through
        var requests = await db.TransferRequests.Where(r => r.AanmeldingId == aanmelding).Select(r => r.Id).ToListAsync(_ct);
        Assert.Single(await db.ReceivedNotifications.ToListAsync(_ct), n => n.RequestId is { } id && requests.Contains(id));
    }

    private async Task<OntvangenDto> WaitForReceivedAsync(LasApiClient doel, Guid aanmelding) =>
        await doel.WaitForReceivedAsync(aanmelding, Wait, _ct) ?? throw new Xunit.Sdk.XunitException("The dossier did not arrive within " + Wait.TotalSeconds + " s.");
}

public sealed class SqliteTransferTests(SqliteChain fixture) : TransferTests<SqliteChain>(fixture), IClassFixture<SqliteChain>
{
    [Fact]
    public async Task No_PGN_or_surname_appears_in_plaintext_in_the_node_s_database_files()
    {
        Fixture.RequireChain();
        using var po = Fixture.Po;
        using var vo = Fixture.Vo;
        var pupil = Fixture.NewPupil();
        var lasId = "L" + Guid.NewGuid().ToString("N")[..10];
        await po.DeliverAsync(lasId, pupil, TestContext.Current.CancellationToken);
        await po.RecordInzageAsync(lasId, new InzageInput(ChainFixture.Today, "Ja", null, null), TestContext.Current.CancellationToken);
        await po.ReleaseAsync(lasId, TestContext.Current.CancellationToken);
        var l = pupil.Huidigeschool.Leerling;
        var aanmelding = await vo.RegisterAsync(new AanmeldingDto((l.Bsn ?? l.Onderwijsnummer)!, l.Geboortedatum!.Value, po.Brin, null, null), TestContext.Current.CancellationToken);
        var request = await vo.WaitForRequestAsync(await vo.RequestAsync(aanmelding, null, TestContext.Current.CancellationToken), TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        Assert.Equal("OverdrachtGeslaagd", request.Resultaat);

        var bytes = Oso.Testing.DataFiles.ReadAll(Path.Combine(Fixture.DataDirectory, "school"), "school.db*");
        var text = Encoding.Latin1.GetString(bytes);
        Assert.DoesNotContain((l.Bsn ?? l.Onderwijsnummer)!, text);
        Assert.DoesNotContain(l.Achternaam, text);
        Assert.True(bytes.Length > 50_000);
    }
}

public sealed class PostgresTransferTests(PostgresChain fixture) : TransferTests<PostgresChain>(fixture), IClassFixture<PostgresChain>;

public sealed class DemoStoryTests(SqliteChain fixture) : IClassFixture<SqliteChain>
{
    [Fact]
    public async Task The_demo_story_succeeds_and_writes_officially_valid_dossiers_and_a_transcript()
    {
        fixture.RequireChain();
        var output = Path.Combine(fixture.DataDirectory, "demo-out");
        var log = new StringWriter();

        var outcome = await new DemoStory(fixture.Chain.School.PortalUrl, fixture.Chain.State, fixture.Anchor, output, TimeProvider.System, log)
            .RunAsync(TestContext.Current.CancellationToken);

        Assert.True(outcome.Geslaagd, log.ToString());
        Assert.Equal(3, outcome.Dossiers.Count);
        Assert.Contains(outcome.Dossiers, d => Path.GetFileName(d).StartsWith("3-swv-dossier-", StringComparison.Ordinal));
        var terugkoppeling = Assert.Single(outcome.Terugkoppelingen);
        var transcript = await File.ReadAllTextAsync(outcome.Transcript, TestContext.Current.CancellationToken);
        Assert.Contains("LeerlinginfoNietBeschikbaar", transcript);
        Assert.Contains("Afmelding", transcript);
        var verdicts = await OfficialValidator.ValidateAsync([.. outcome.Dossiers, terugkoppeling], TestContext.Current.CancellationToken);
        Assert.All(verdicts, v => Assert.True(v.Valid, v.File));

        // every received dossier lies untouched beside the bron's signature, and oso dossier verify accepts the pair
        var anchor = Path.Combine(output, "anker.pem");
        await File.WriteAllTextAsync(anchor, fixture.Anchor.ExportCertificatePem(), TestContext.Current.CancellationToken);
        foreach (var file in outcome.Dossiers)
        {
            Assert.True(File.Exists(file + ".sig"), file);
            var (code, text) = await Cli.RunAsync("dossier", "verify", file, "--trust-anchor", anchor);
            Assert.True(code == 0, text);
            Assert.Contains($"systeem {DemoChain.SysteemId}", text, StringComparison.Ordinal);
        }

        // one changed byte, or no signature beside it: exit 1, with the reason in Dutch
        var tampered = Path.Combine(output, "gewijzigd.xml");
        var bytes = await File.ReadAllBytesAsync(outcome.Dossiers[0], TestContext.Current.CancellationToken);
        bytes[bytes.Length / 2] ^= 0x01;
        await File.WriteAllBytesAsync(tampered, bytes, TestContext.Current.CancellationToken);
        File.Copy(outcome.Dossiers[0] + ".sig", tampered + ".sig");
        var (changed, changedText) = await Cli.RunAsync("dossier", "verify", tampered, "--trust-anchor", anchor);
        Assert.Equal(1, changed);
        Assert.Contains("minstens één byte gewijzigd", changedText, StringComparison.Ordinal);
        File.Delete(tampered + ".sig");
        Assert.Equal(1, (await Cli.RunAsync("dossier", "verify", tampered, "--trust-anchor", anchor)).Code);
        Assert.Equal(2, (await Cli.RunAsync("dossier", "verify", tampered + ".bestaat-niet", "--trust-anchor", anchor)).Code);
    }
}

/// <summary>Runs the oso command in process.</summary>
internal static class Cli
{
    public static async Task<(int Code, string Text)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await Oso.Cli.OsoCli.RunAsync(args, Oso.Cli.CliContext.Capture(output, error), TestContext.Current.CancellationToken);
        return (code, output.ToString() + error);
    }
}
