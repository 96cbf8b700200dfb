using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Oso.Cli.Up;
using Oso.Protocol.Identifiers;
using Oso.Protocol.Proofs;
using Oso.School.LasApi;

namespace Oso.EndToEnd.Tests.Proofs;

/// <summary>
/// The doel's refusal of a dossier whose signature fails (issue 17 §1), end to end: a party on the wire changes the
/// bron's documentResponse — one byte of the dossier, or the signature replaced by one of another valid system — and
/// the doel stores nothing, offers nothing for import, audits the refusal, and its LAS API and staff page say who must act.
/// </summary>
public sealed partial class SignatureRefusalTests(SqliteChain fixture) : IClassFixture<SqliteChain>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_dossier_with_one_changed_byte_is_refused_not_stored_audited_and_the_bron_s_supplier_is_named()
    {
        fixture.RequireChain();
        var (pupil, _) = await fixture.ReleasedPupilAsync(_ct);
        var surname = pupil.Huidigeschool.Leerling.Achternaam;
        var changed = (char.IsUpper(surname[0]) ? char.ToLowerInvariant(surname[0]) : char.ToUpperInvariant(surname[0])) + surname[1..];

        var (request, aanmelding) = await RefusedRequestAsync(pupil, body => Encoding.UTF8.GetBytes(Body(body).Replace(surname, changed, StringComparison.Ordinal)));

        var step = request.Stappen.Single(s => s.Stap == "Dossier opvragen");
        Assert.Contains("minstens één byte gewijzigd", step.Toelichting, StringComparison.Ordinal);
        await AssertRefusedAsync(request, aanmelding, nameof(HandtekeningFout.DossierGewijzigd));
    }

    [Fact]
    public async Task A_dossier_signed_by_another_valid_system_than_the_session_s_is_refused_and_the_signer_is_named()
    {
        fixture.RequireChain();
        var other = await fixture.OtherSystemAsync();
        var (pupil, _) = await fixture.ReleasedPupilAsync(_ct);

        // the same statement and digest, validly signed, but by another vendor's system of the same CA
        var (request, aanmelding) = await RefusedRequestAsync(pupil, body =>
        {
            var text = Body(body);
            var signature = SignaturePattern().Match(text);
            Assert.True(signature.Success, "the bron sent no dossierHandtekening");
            var verklaring = Bewijzen.LeesVerklaring(Handtekening.Create(Encoding.UTF8.GetBytes(signature.Groups[1].Value)))!;
            var forged = Bewijzen.Onderteken(verklaring with { Systeem = SysteemId.Parse(ChainFixture.OtherSystemId) }, other);
            return Encoding.UTF8.GetBytes(text.Replace(signature.Groups[1].Value, Encoding.UTF8.GetString(forged.Utf8.Span), StringComparison.Ordinal));
        });

        var step = request.Stappen.Single(s => s.Stap == "Dossier opvragen");
        Assert.Contains($"Ondertekend door systeem {ChainFixture.OtherSystemId}", step.Toelichting, StringComparison.Ordinal);
        Assert.Contains($"noemde systeem {DemoChain.SysteemId}", step.Toelichting, StringComparison.Ordinal);
        await AssertRefusedAsync(request, aanmelding, nameof(HandtekeningFout.AnderSysteem));
    }

    private async Task<(AanvraagDto Request, Guid Aanmelding)> RefusedRequestAsync(Dossier.Model.Dossier pupil, Func<byte[], byte[]> rewrite)
    {
        using var vo = fixture.Vo;
        var aanmelding = await vo.RegisterAsync(new AanmeldingDto(ChainFixture.PgnOf(pupil).Value, pupil.Huidigeschool.Leerling.Geboortedatum!.Value,
            fixture.Chain.State.Po.Brin, null, null), _ct);
        AanvraagDto request;
        using (fixture.Tamper.Arm(rewrite))
            request = await vo.WaitForRequestAsync(await vo.RequestAsync(aanmelding, null, _ct), Wait, _ct);
        Assert.Equal("Klaar", request.Status);
        Assert.Equal("TechnischeFout", request.Resultaat);
        return (request, aanmelding);
    }

    private async Task AssertRefusedAsync(AanvraagDto request, Guid aanmelding, string fout)
    {
        // LAS API: the step says the dossier was refused and who must act; nothing is offered for import
        var step = request.Stappen.Single(s => s.Stap == "Dossier opvragen");
        Assert.False(step.Geslaagd);
        Assert.Equal("TechnischeFout", step.Resultaat);
        Assert.Contains("niet opgeslagen en niet aangeboden voor import", step.Toelichting, StringComparison.Ordinal);
        Assert.Contains($"Actie voor de leverancier van de bronschool (systeem {DemoChain.SysteemId})", step.Toelichting, StringComparison.Ordinal);
        using var vo = fixture.Vo;
        Assert.DoesNotContain(await vo.ReceivedAsync(onlyNew: false, _ct), r => r.AanmeldingId == aanmelding);

        // the database: no received dossier, and the refusal audited with its reason (no pupil data in the detail)
        await using (var db = fixture.ReadNode())
        {
            Assert.False(await db.ReceivedDossiers.AnyAsync(d => d.AanmeldingId == aanmelding, _ct));
            var refused = await db.Audit.SingleAsync(a => a.Action == "dossier.geweigerd" && a.PupilRef == aanmelding.ToString(), _ct);
            Assert.Equal(fixture.Chain.State.Vo.Brin, refused.Brin);
            Assert.Contains("handtekening=" + fout, refused.Detail, StringComparison.Ordinal);
        }

        // the staff page of the request shows the same, in the school's words
        var page = await fixture.StaffAsync("vo-medewerker", _ct);
        var html = WebUtility.HtmlDecode((await page.GetAsync(new Uri(fixture.Chain.School.PortalUrl, $"/scholen/{fixture.Chain.State.Vo.Brin}/aanvragen/{request.Id}"), _ct)).Body);
        Assert.Contains("niet opgeslagen en niet aangeboden voor import", html, StringComparison.Ordinal);
        Assert.Contains($"Actie voor de leverancier van de bronschool (systeem {DemoChain.SysteemId})", html, StringComparison.Ordinal);
    }

    private static string Body(byte[] body) => Encoding.UTF8.GetString(body);

    [GeneratedRegex("<(?:\\w+:)?dossierHandtekening[^>]*>(.*)</(?:\\w+:)?dossierHandtekening>", RegexOptions.Singleline)]
    private static partial Regex SignaturePattern();
}
