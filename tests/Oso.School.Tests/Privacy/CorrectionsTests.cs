using System.Text;
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
/// Correction and objection (AVG art. 16 and 21): parents file a request from their page, or staff on their behalf; it
/// is a task until staff record what was done, which the parents then see. Encrypted, audited without the text.
/// </summary>
public sealed class CorrectionsTests
{
    private static readonly DateTimeOffset T0 = new(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly Actor Staff = Actor.Medewerker("staff-1");
    private const string Text = "Het verzuim van Daan in februari was ziekte, geen spijbelen.";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_parents_request_is_a_task_until_staff_record_what_was_done_and_the_parents_see_it(DatabaseProvider engine)
    {
        var time = new FakeTimeProvider(T0);
        await using var services = await TestServices.CreateAsync(engine, s => s.AddSingleton<TimeProvider>(time));
        var (pupil, link) = await SeedAsync(services);
        var corrections = services.Get<Corrections>();

        var filed = Assert.IsType<CorrectionResult.Filed>(await corrections.FileByParentsAsync(link, "  " + Text + "  "));
        var open = Assert.Single(await corrections.ListAsync("00YY", pupil));
        Assert.Equal((filed.Id, Text, "ouders", CorrectionStatus.Open, (string?)null), (open.Id, open.Request, open.Source, open.Status, open.Outcome));

        time.Advance(TimeSpan.FromDays(2));
        Assert.IsType<CorrectionResult.Handled>(await corrections.HandleAsync("00YY", pupil, filed.Id, "Aangepast en opnieuw vrijgegeven als versie 2.", Staff));
        var seen = Assert.Single(await corrections.ListForParentsAsync(link));
        Assert.Equal((CorrectionStatus.Afgehandeld, "Aangepast en opnieuw vrijgegeven als versie 2.", T0 + TimeSpan.FromDays(2)), (seen.Status, seen.Outcome, seen.HandledAt));
        Assert.Equal("Dit verzoek is al afgehandeld.",
            Assert.IsType<CorrectionResult.Invalid>(await corrections.HandleAsync("00YY", pupil, filed.Id, "Nog eens.", Staff)).Reason);

        await using var db = services.Get<SchoolStore>().Read();
        var audit = await db.Audit.Where(a => a.Action.StartsWith("correctie.")).OrderBy(a => a.Sequence).ToListAsync();
        Assert.Equal([("correctie.ingediend", "Ouder", link.ToString()), ("correctie.afgehandeld", "Medewerker", "staff-1")],
            audit.Select(a => (a.Action, a.ActorKind, a.Actor)));
        Assert.All(audit, a => Assert.Equal(pupil.ToString(), a.PupilRef));
        Assert.All(audit, a => Assert.DoesNotContain("verzuim", a.Purpose + a.Detail, StringComparison.OrdinalIgnoreCase));
        // the texts are stored encrypted
        var row = await db.CorrectionRequests.SingleAsync();
        Assert.DoesNotContain("spijbelen", Encoding.UTF8.GetString(row.Request), StringComparison.Ordinal);
        Assert.DoesNotContain("versie 2", Encoding.UTF8.GetString(row.Outcome!), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Empty_long_or_unprintable_texts_another_schools_pupil_and_a_dead_link_are_refused_and_change_nothing(DatabaseProvider engine)
    {
        var time = new FakeTimeProvider(T0);
        await using var services = await TestServices.CreateAsync(engine, s => s.AddSingleton<TimeProvider>(time));
        var (pupil, link) = await SeedAsync(services);
        var corrections = services.Get<Corrections>();

        Assert.IsType<CorrectionResult.Invalid>(await corrections.FileAsync("00YY", pupil, "   ", "school", Staff));
        Assert.Equal("Gebruik hoogstens 4000 tekens.",
            Assert.IsType<CorrectionResult.Invalid>(await corrections.FileAsync("00YY", pupil, new string('a', 4001), "school", Staff)).Reason);
        Assert.IsType<CorrectionResult.Invalid>(await corrections.FileAsync("00YY", pupil, "fout\u0001", "school", Staff));
        Assert.IsType<CorrectionResult.NotFound>(await corrections.FileAsync("92VO", pupil, Text, "school", Staff));
        Assert.IsType<CorrectionResult.NotFound>(await corrections.HandleAsync("00YY", pupil, Guid.NewGuid(), "Gedaan.", Staff));
        var filed = Assert.IsType<CorrectionResult.Filed>(await corrections.FileAsync("00YY", pupil, Text, "school", Staff));
        Assert.IsType<CorrectionResult.NotFound>(await corrections.HandleAsync("92VO", pupil, filed.Id, "Gedaan.", Staff));
        Assert.IsType<CorrectionResult.Invalid>(await corrections.HandleAsync("00YY", pupil, filed.Id, "", Staff));

        time.Advance(TimeSpan.FromDays(15)); // the link has expired
        Assert.IsType<CorrectionResult.NotFound>(await corrections.FileByParentsAsync(link, Text));
        Assert.Empty(await corrections.ListForParentsAsync(link));

        await using var db = services.Get<SchoolStore>().Read();
        Assert.Equal(CorrectionStatus.Open, (await db.CorrectionRequests.SingleAsync()).Status);
        Assert.Equal(1, await db.Audit.CountAsync(a => a.Action.StartsWith("correctie.")));
    }

    private static async Task<(Guid Pupil, Guid Link)> SeedAsync(TestServices services)
    {
        var admin = services.Get<SchoolAdmin>();
        await admin.AddSchoolAsync("00YY", "Basisschool", "PO", "Utrecht");
        await admin.AddSchoolAsync("92VO", "Lyceum", "VO", "Utrecht");
        var xml = new MemoryStream(DossierWriter.ToBytes(SyntheticDossiers.Fixed("povo-akkoord", new DateOnly(2027, 2, 1))));
        var pupil = ((DeliveryResult.Stored)await services.Get<BronDossiers>().DeliverAsync("00YY", "L1", xml, Staff)).PupilId;
        var link = Assert.IsType<ParentLinkResult.Created>(await services.Get<ParentLinks>().CreateAsync("00YY", pupil, "ouders@example.nl", Staff, mail: false)).LinkId;
        return (pupil, link);
    }
}
