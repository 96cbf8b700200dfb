using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Oso.Dossier;
using Oso.School.Audit;
using Oso.School.Bron;
using Oso.School.Privacy;
using Oso.School.Storage;
using Oso.School.Tenancy;
using Oso.Synthetic;
using Oso.Testing;

namespace Oso.School.Tests.Privacy;

/// <summary>
/// Deletion on request (AVG art. 17): allowed for a pupil whose dossier never left the node and that no school waits
/// for; refused, with the reason in Dutch, once it was verstrekt or while a request waits; audited without personal data.
/// </summary>
public sealed class PupilDeletionTests
{
    private static readonly DateTimeOffset T0 = new(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly Actor Beheerder = Actor.Medewerker("beheerder-1");

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_pupil_that_never_transferred_is_deleted_with_one_audit_record_without_personal_data(DatabaseProvider engine)
    {
        var time = new FakeTimeProvider(T0);
        await using var services = await TestServices.CreateAsync(engine, s => s.AddSingleton<TimeProvider>(time));
        var pupil = await SeedAsync(services);
        var deletion = services.Get<PupilDeletion>();

        Assert.Null(await deletion.RefusalAsync("00YY", pupil));
        await using (var before = services.Get<SchoolStore>().Read()) // the release is stored in chunks (ADR 0014 phase 3)
            Assert.True(await before.StoredChunks.AnyAsync(c => c.OwnerKind == StoredChunks.Release));
        Assert.IsType<DeletionResult.Refused>(await deletion.DeleteAsync("00YY", pupil, "zomaar", Beheerder));
        Assert.IsType<DeletionResult.NotFound>(await deletion.DeleteAsync("92VO", pupil, "verzoek-ouders", Beheerder));
        Assert.IsType<DeletionResult.Deleted>(await deletion.DeleteAsync("00YY", pupil, "verzoek-ouders", Beheerder));

        await using var db = services.Get<SchoolStore>().Read();
        Assert.False(await db.Pupils.AnyAsync());
        Assert.False(await db.Drafts.AnyAsync());
        Assert.False(await db.Releases.AnyAsync());
        Assert.False(await db.StoredChunks.AnyAsync()); // the release's chunks went with it
        Assert.False(await db.CorrectionRequests.AnyAsync());
        var record = await db.Audit.SingleAsync(a => a.Action == "leerling.verwijderd");
        Assert.Equal(("Medewerker", "beheerder-1", pupil.ToString()), (record.ActorKind, record.Actor, record.PupilRef));
        Assert.Equal("reden=verzoek-ouders;versies=1;verstrekkingen=0;ouderlinks=0;verzoeken=0;correcties=1", record.Detail);
        Assert.Null(await AuditLog.VerifyAsync(db, "00YY"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_verstrekt_dossier_or_one_a_school_waits_for_is_refused_and_nothing_changes(DatabaseProvider engine)
    {
        var time = new FakeTimeProvider(T0);
        await using var services = await TestServices.CreateAsync(engine, s => s.AddSingleton<TimeProvider>(time));
        var waited = await SeedAsync(services);
        var disclosed = await SeedAsync(services, "L2", "popo");
        await services.Get<SchoolStore>().WriteAsync(async db =>
        {
            db.IncomingRequests.Add(new IncomingRequest
            {
                Id = Guid.NewGuid(), Brin = "00YY", BronRouteringsKenmerk = "0000000700000YY00001", SessieId = Guid.NewGuid(), DoelBrin = "92VO",
                DoelRouteringsKenmerk = "0000000700092VO00001", Overdrachtsoort = "overstapdossier", PgnIndex = "x", ReceivedAt = T0,
                Resultaat = "LeerlinginfoNietBeschikbaar", PupilId = waited, AwaitingNotification = true,
            });
            var release = await db.Releases.FirstAsync(r => r.PupilId == disclosed);
            db.Disclosures.Add(new Disclosure { Id = Guid.NewGuid(), PupilId = disclosed, Brin = "00YY", ReleaseId = release.Id, DoelBrin = "92VO", Profiel = "POVO", SessieId = Guid.NewGuid(), At = T0 });
        });
        var deletion = services.Get<PupilDeletion>();

        var waiting = Assert.IsType<DeletionResult.Refused>(await deletion.DeleteAsync("00YY", waited, "geen-overstap", Beheerder));
        Assert.StartsWith("Een andere school heeft het dossier opgevraagd en wacht op de vrijgave.", waiting.Reason, StringComparison.Ordinal);
        var sent = Assert.IsType<DeletionResult.Refused>(await deletion.DeleteAsync("00YY", disclosed, "geen-overstap", Beheerder));
        Assert.Equal("Het dossier is al aan een andere school verstrekt. De school moet dan kunnen laten zien wat ze stuurde; de bewaartermijn verwijdert het vanzelf, op zijn vroegst op 31 juli 2028.", sent.Reason);
        await using (var db = services.Get<SchoolStore>().Read())
        {
            Assert.Equal(2, await db.Pupils.CountAsync());
            Assert.False(await db.Audit.AnyAsync(a => a.Action == "leerling.verwijderd"));
        }

        // once the other school no longer waits (NotifyWithin has passed), the first may go; the verstrekt one stays
        time.Advance(new SchoolOptions().NotifyWithin + TimeSpan.FromDays(1));
        Assert.IsType<DeletionResult.Deleted>(await deletion.DeleteAsync("00YY", waited, "geen-overstap", Beheerder));
        Assert.IsType<DeletionResult.Refused>(await deletion.DeleteAsync("00YY", disclosed, "geen-overstap", Beheerder));
    }

    private static async Task<Guid> SeedAsync(TestServices services, string lasId = "L1", string fixedPupil = "povo-akkoord")
    {
        var admin = services.Get<SchoolAdmin>();
        await using (var db = services.Get<SchoolStore>().Read())
        {
            if (!await db.Tenants.AnyAsync())
            {
                await admin.AddSchoolAsync("00YY", "Basisschool", "PO", "Utrecht");
                await admin.AddSchoolAsync("92VO", "Lyceum", "VO", "Utrecht");
            }
        }
        var xml = new MemoryStream(DossierWriter.ToBytes(SyntheticDossiers.Fixed(fixedPupil, new DateOnly(2027, 2, 1))));
        var bron = services.Get<BronDossiers>();
        var pupil = ((DeliveryResult.Stored)await bron.DeliverAsync("00YY", lasId, xml, Beheerder)).PupilId;
        Assert.IsType<ReleaseResult.Released>(await bron.ReleaseAsync("00YY", pupil, null, Beheerder));
        Assert.IsType<CorrectionResult.Filed>(await services.Get<Corrections>().FileAsync("00YY", pupil, "Klopt niet.", "school", Beheerder));
        return pupil;
    }
}
