using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Oso.Dossier;
using Oso.School.Audit;
using Oso.School.Crypto;
using Oso.School.Doel;
using Oso.School.Privacy;
using Oso.School.Storage;
using Oso.School.Tenancy;
using Oso.Synthetic;
using Oso.Testing;
using static Oso.School.Crypto.ProtectedDossiers;
using static Oso.School.Tests.Privacy.AccessExportTests;

namespace Oso.School.Tests.Privacy;

/// <summary>
/// Right of access at the new school: the staff download holds the aanmelding, every request with its outcome and every
/// received dossier version with whether it was imported; another school's staff get nothing; every download is audited.
/// </summary>
public sealed class DoelAccessExportTests
{
    private static readonly DateTimeOffset T0 = new(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly Actor Staff = Actor.Medewerker("medewerker-1");

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_doel_download_holds_the_aanmelding_the_requests_and_every_received_version_and_another_school_gets_nothing(DatabaseProvider engine)
    {
        var time = new FakeTimeProvider(T0);
        await using var services = await TestServices.CreateAsync(engine, s => s.AddSingleton<TimeProvider>(time));
        var admin = services.Get<SchoolAdmin>();
        await admin.AddSchoolAsync("00YY", "Basisschool De Linde", "PO", "Utrecht");
        await admin.AddSchoolAsync("92VO", "Het Lyceum", "VO", "Utrecht");
        await admin.SetPrivacyContactAsync("92VO", "FG van Het Lyceum", "fg@lyceum.example", null);
        var doel = services.Get<Aanmeldingen>();
        var aanmelding = Assert.IsType<DoelResult.Ok>(await doel.RegisterAsync("92VO", new AanmeldingInput("999991073", new DateOnly(2015, 5, 1), "00YY", "Sanne de Vries"), Staff)).Id;
        var other = Assert.IsType<DoelResult.Ok>(await doel.RegisterAsync("92VO", new AanmeldingInput("999990019", new DateOnly(2015, 6, 1), "00YY", "Piet Anders"), Staff)).Id;
        var request = Assert.IsType<DoelResult.Ok>(await doel.RequestAsync("92VO", aanmelding, "Medewerker", null, Staff)).Id;
        var versions = new[] { SyntheticDossiers.Fixed("povo-akkoord", new DateOnly(2027, 2, 1)), SyntheticDossiers.Fixed("povo-niet-akkoord", new DateOnly(2027, 2, 20)) };
        var crypto = services.Get<ProtectedDossiers>();
        await services.Get<SchoolStore>().WriteAsync(async db =>
        {
            var transfer = await db.TransferRequests.FirstAsync(r => r.Id == request);
            (transfer.Status, transfer.FinishedAt, transfer.Resultaat) = (TransferStatus.Klaar, T0, "OverdrachtGeslaagd");
            for (var i = 0; i < versions.Length; i++)
            {
                var id = Guid.NewGuid();
                // the first as a row from before chunks (one blob), the second in chunks (ADR 0014): the download holds both
                var chunks = i == 0 ? 0 : await StoredChunks.WriteAsync(db, services.Get<PupilDataProtector>(), "92VO", StoredChunks.Received, id,
                    new MemoryStream(DossierWriter.ToBytes(versions[i])), TestContext.Current.CancellationToken);
                db.ReceivedDossiers.Add(new ReceivedDossier
                {
                    Id = id, Brin = "92VO", AanmeldingId = aanmelding, RequestId = request, BronBrin = "00YY", Valid = true, ReceivedAt = T0.AddDays(i),
                    Xml = i == 0 ? crypto.ProtectXml("92VO", DossierWriter.ToBytes(versions[i]), Contexts.Received(id)) : null, XmlChunks = chunks, Meldingen = crypto.ProtectJson("92VO", Array.Empty<object>(), Contexts.ReceivedMeldingen(id)),
                    ImportedAt = i == 0 ? T0.AddHours(1) : null,
                });
            }
        });
        time.Advance(TimeSpan.FromDays(3));
        var export = services.Get<DoelAccessExport>();

        var zip = await export.ForStaffAsync("92VO", aanmelding, Staff);

        Assert.NotNull(zip);
        var files = Unzip(zip);
        Assert.Equal(["gegevens.json", "ontvangen/dossier-1.xml", "ontvangen/dossier-2.xml", "overzicht.html"], files.Keys.Order(StringComparer.Ordinal));
        var html = Encoding.UTF8.GetString(files["overzicht.html"]);
        Assert.Contains("Sanne de Vries", html, StringComparison.Ordinal);
        Assert.Contains("Basisschool De Linde (00YY)", html, StringComparison.Ordinal);
        Assert.Contains("<td>nog niet</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Piet Anders", Encoding.UTF8.GetString(files.Values.SelectMany(b => b).ToArray()), StringComparison.Ordinal);
        for (var i = 0; i < versions.Length; i++)
            Assert.Equal(versions[i].Huidigeschool.Leerling.Achternaam,
                DossierReader.ReadDossier(new MemoryStream(files[$"ontvangen/dossier-{i + 1}.xml"])).Huidigeschool.Leerling.Achternaam);
        using var json = JsonDocument.Parse(files["gegevens.json"]);
        var root = json.RootElement;
        Assert.Equal("FG van Het Lyceum", root.GetProperty("school").GetProperty("privacycontact").GetProperty("Naam").GetString());
        Assert.Equal("00YY", root.GetProperty("aanmelding").GetProperty("vorigeSchool").GetString());
        Assert.Equal("OverdrachtGeslaagd", Assert.Single(root.GetProperty("aanvragen").EnumerateArray()).GetProperty("uitkomst").GetString());
        var ontvangen = root.GetProperty("ontvangen").EnumerateArray().ToList();
        Assert.Equal([JsonValueKind.String, JsonValueKind.Null], ontvangen.Select(o => o.GetProperty("geimporteerd").ValueKind));
        Assert.Contains(root.GetProperty("logboek").EnumerateArray(), e => e.GetProperty("actie").GetString() == "aanmelding.geregistreerd");

        // another school's staff (also the bron school on the same node) and an unknown aanmelding: nothing, and no download recorded
        Assert.Null(await export.ForStaffAsync("00YY", aanmelding, Staff));
        Assert.Null(await export.ForStaffAsync("92VO", Guid.NewGuid(), Staff));

        await using var db = services.Get<SchoolStore>().Read();
        var download = Assert.Single(await db.Audit.Where(a => a.Action == "inzage.gedownload").ToListAsync());
        Assert.Equal(("92VO", "Medewerker", "medewerker-1", aanmelding.ToString()), (download.Brin, download.ActorKind, download.Actor, download.PupilRef));
        Assert.Equal("via=doel;aanvragen=1;ontvangen=2", download.Detail);
        Assert.DoesNotContain(other.ToString(), download.PupilRef, StringComparison.Ordinal);
        Assert.Null(await AuditLog.VerifyAsync(db, "92VO"));
    }
}
