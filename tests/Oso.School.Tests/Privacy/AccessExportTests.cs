using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Oso.Dossier;
using Oso.School.Audit;
using Oso.School.Bron;
using Oso.School.Parents;
using Oso.School.Privacy;
using Oso.School.Storage;
using Oso.School.Tenancy;
using Oso.Synthetic;
using Oso.Testing;

namespace Oso.School.Tests.Privacy;

/// <summary>
/// Right of access (AVG art. 15): the download holds everything about the pupil — readable and machine-readable — and
/// nothing about another pupil; it works for a working link only, and every download is audited without a name.
/// </summary>
public sealed class AccessExportTests
{
    private static readonly DateTimeOffset T0 = new(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly Actor Staff = Actor.Medewerker("medewerker-1");

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_download_holds_the_dossier_every_version_the_disclosures_corrections_and_log_and_is_audited(DatabaseProvider engine)
    {
        var time = new FakeTimeProvider(T0);
        await using var services = await TestServices.CreateAsync(engine, s => s.AddSingleton<TimeProvider>(time));
        var admin = services.Get<SchoolAdmin>();
        await admin.AddSchoolAsync("00YY", "Basisschool De Linde", "PO", "Utrecht");
        await admin.AddSchoolAsync("92VO", "Het Lyceum", "VO", "Utrecht");
        await admin.SetPrivacyContactAsync("00YY", "FG van Stichting De Linde", "fg@delinde.example", "030 123 45 67");
        var bron = services.Get<BronDossiers>();
        var dossier = SyntheticDossiers.Fixed("povo-akkoord", new DateOnly(2027, 2, 1));
        var other = SyntheticDossiers.Fixed("povo-niet-akkoord", new DateOnly(2027, 2, 1));
        var pupil = ((DeliveryResult.Stored)await bron.DeliverAsync("00YY", "L1", new MemoryStream(DossierWriter.ToBytes(dossier)), Staff)).PupilId;
        var otherPupil = ((DeliveryResult.Stored)await bron.DeliverAsync("00YY", "L2", new MemoryStream(DossierWriter.ToBytes(other)), Staff)).PupilId;
        Assert.IsType<ReleaseResult.Released>(await bron.ReleaseAsync("00YY", pupil, null, Staff));
        time.Advance(TimeSpan.FromDays(1));
        Assert.IsType<ReleaseResult.Released>(await bron.ReleaseAsync("00YY", pupil, ["Verzuim"], Staff));
        await services.Get<SchoolStore>().WriteAsync(async db =>
        {
            var release = await db.Releases.FirstAsync(r => r.PupilId == pupil && r.Version == 2);
            db.Disclosures.Add(new Disclosure { Id = Guid.NewGuid(), PupilId = pupil, Brin = "00YY", ReleaseId = release.Id, DoelBrin = "92VO", Profiel = "POVO", SessieId = Guid.NewGuid(), At = T0.AddDays(2) });
        });
        Assert.IsType<CorrectionResult.Filed>(await services.Get<Corrections>().FileAsync("00YY", pupil, "De verzuimcijfers kloppen niet.", "school", Staff));
        var link = Assert.IsType<ParentLinkResult.Created>(await services.Get<ParentLinks>().CreateAsync("00YY", pupil, "ouder@voorbeeld.nl", Staff, mail: false));

        var zip = await services.Get<AccessExport>().ForParentsAsync(link.LinkId);

        Assert.NotNull(zip);
        var files = Unzip(zip);
        Assert.Equal(["dossier/huidig.xml", "dossier/versie-1.xml", "dossier/versie-2.xml", "gegevens.json", "overstapdossier.pdf", "overzicht.html"], files.Keys.Order(StringComparer.Ordinal));
        var naam = dossier.Huidigeschool.Leerling.Achternaam;
        var html = Encoding.UTF8.GetString(files["overzicht.html"]);
        Assert.Contains(naam, html, StringComparison.Ordinal);
        Assert.Contains("Het Lyceum (92VO)", html, StringComparison.Ordinal);
        Assert.Contains("De verzuimcijfers kloppen niet.", html, StringComparison.Ordinal);
        Assert.DoesNotContain(other.Huidigeschool.Leerling.Achternaam, html, StringComparison.Ordinal);
        Assert.DoesNotContain("ouder@voorbeeld.nl", Encoding.UTF8.GetString(files.Values.SelectMany(b => b).ToArray()), StringComparison.Ordinal);
        Assert.StartsWith("%PDF", Encoding.ASCII.GetString(files["overstapdossier.pdf"], 0, 4), StringComparison.Ordinal);
        // every version as released: readable by the dossier library, the second without the opted-out category
        Assert.Equal(naam, DossierReader.ReadDossier(new MemoryStream(files["dossier/versie-1.xml"])).Huidigeschool.Leerling.Achternaam);
        using var json = JsonDocument.Parse(files["gegevens.json"]);
        var root = json.RootElement;
        Assert.Equal("FG van Stichting De Linde", root.GetProperty("school").GetProperty("privacycontact").GetProperty("Naam").GetString());
        Assert.Equal([1, 2], root.GetProperty("versies").EnumerateArray().Select(v => v.GetProperty("versie").GetInt32()));
        Assert.Equal(["Verzuim"], root.GetProperty("versies")[1].GetProperty("nietMeegestuurd").EnumerateArray().Select(v => v.GetString()));
        var verstrekt = Assert.Single(root.GetProperty("verstrekkingen").EnumerateArray());
        Assert.Equal(("92VO", 2), (verstrekt.GetProperty("school").GetString(), verstrekt.GetProperty("versie").GetInt32()));
        Assert.Equal("De verzuimcijfers kloppen niet.", Assert.Single(root.GetProperty("correcties").EnumerateArray()).GetProperty("verzoek").GetString());
        Assert.Contains(root.GetProperty("logboek").EnumerateArray(), e => e.GetProperty("actie").GetString() == "dossier.vrijgegeven");
        // not sent to a samenwerkingsverband: said so (the SWV case is in the end-to-end SwvTests)
        Assert.Empty(root.GetProperty("samenwerkingsverband").EnumerateArray());
        Assert.Contains("Het dossier is niet naar een samenwerkingsverband gestuurd.", html, StringComparison.Ordinal);

        // staff on a parent's request: the same content; another school's staff find nothing
        Assert.NotNull(await services.Get<AccessExport>().ForStaffAsync("00YY", pupil, Staff));
        Assert.Null(await services.Get<AccessExport>().ForStaffAsync("92VO", pupil, Staff));
        Assert.Null(await services.Get<AccessExport>().ForStaffAsync("00YY", Guid.NewGuid(), Staff));

        await using var db = services.Get<SchoolStore>().Read();
        var downloads = await db.Audit.Where(a => a.Action == "inzage.gedownload").OrderBy(a => a.Sequence).ToListAsync();
        Assert.Equal([("Ouder", link.LinkId.ToString()), ("Medewerker", "medewerker-1")], downloads.Select(a => (a.ActorKind, a.Actor)));
        Assert.All(downloads, a => Assert.Equal(pupil.ToString(), a.PupilRef));
        Assert.Equal("via=ouders;versies=2;verstrekkingen=1;swv=0;terugkoppelingen=0", downloads[0].Detail);
        Assert.DoesNotContain(otherPupil.ToString(), string.Join(";", downloads.Select(a => a.PupilRef)), StringComparison.Ordinal);
        Assert.Null(await AuditLog.VerifyAsync(db, "00YY"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_expired_or_revoked_link_downloads_nothing(DatabaseProvider engine)
    {
        var time = new FakeTimeProvider(T0);
        await using var services = await TestServices.CreateAsync(engine, s => s.AddSingleton<TimeProvider>(time));
        await services.Get<SchoolAdmin>().AddSchoolAsync("00YY", "Basisschool", "PO", "Utrecht");
        var pupil = ((DeliveryResult.Stored)await services.Get<BronDossiers>().DeliverAsync("00YY", "L1",
            new MemoryStream(DossierWriter.ToBytes(SyntheticDossiers.Fixed("povo-akkoord", new DateOnly(2027, 2, 1)))), Staff)).PupilId;
        var links = services.Get<ParentLinks>();
        var expiring = Assert.IsType<ParentLinkResult.Created>(await links.CreateAsync("00YY", pupil, "a@voorbeeld.nl", Staff, mail: false));
        var revoked = Assert.IsType<ParentLinkResult.Created>(await links.CreateAsync("00YY", pupil, "b@voorbeeld.nl", Staff, mail: false));
        Assert.True(await links.RevokeAsync("00YY", revoked.LinkId, Staff));
        var export = services.Get<AccessExport>();

        Assert.NotNull(await export.ForParentsAsync(expiring.LinkId));
        Assert.Null(await export.ForParentsAsync(revoked.LinkId));
        time.SetUtcNow(expiring.ExpiresAt);
        Assert.Null(await export.ForParentsAsync(expiring.LinkId));
        Assert.Null(await export.ForParentsAsync(Guid.NewGuid()));

        await using var db = services.Get<SchoolStore>().Read();
        Assert.Equal(1, await db.Audit.CountAsync(a => a.Action == "inzage.gedownload"));
    }

    [Fact]
    public async Task The_privacy_contact_is_checked_and_a_school_must_exist()
    {
        await using var services = await TestServices.CreateAsync(DatabaseProvider.Sqlite);
        var admin = services.Get<SchoolAdmin>();
        await admin.AddSchoolAsync("00YY", "Basisschool", "PO", "Utrecht");

        Assert.Contains("e-mailadres of een telefoonnummer", Assert.Throws<ArgumentException>(() => { _ = admin.SetPrivacyContactAsync("00YY", "FG", null, null); }).Message, StringComparison.Ordinal);
        Assert.Contains("geen e-mailadres", Assert.Throws<ArgumentException>(() => { _ = admin.SetPrivacyContactAsync("00YY", "FG", "geen adres", null); }).Message, StringComparison.Ordinal);
        Assert.Contains("geen telefoonnummer", Assert.Throws<ArgumentException>(() => { _ = admin.SetPrivacyContactAsync("00YY", "FG", null, "bel mij"); }).Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<InvalidOperationException>(() => admin.SetPrivacyContactAsync("99XX", "FG", "fg@voorbeeld.nl", null));

        await admin.SetPrivacyContactAsync("00YY", "FG", "fg@voorbeeld.nl", null);
        await using var db = services.Get<SchoolStore>().Read();
        var school = await db.Tenants.SingleAsync();
        Assert.Equal(new PrivacyContact("FG", "fg@voorbeeld.nl", null), PrivacyContact.Of(school));
        Assert.True(await db.Audit.AnyAsync(a => a.Action == "school.privacycontact" && a.Detail == null));
    }

    internal static Dictionary<string, byte[]> Unzip(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        return archive.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var s = e.Open();
            using var m = new MemoryStream();
            s.CopyTo(m);
            return m.ToArray();
        });
    }
}
