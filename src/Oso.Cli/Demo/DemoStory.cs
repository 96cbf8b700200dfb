using System.Security.Cryptography.X509Certificates;
using Oso.Cli.Up;
using Oso.Dossier.Validation;
using Oso.School.Bron;
using Oso.School.LasApi;
using Oso.Synthetic;

namespace Oso.Cli.Demo;

/// <summary>One step of the demo story.</summary>
/// <param name="Stap">What happened (Dutch).</param>
/// <param name="Geslaagd">Whether it went as expected.</param>
/// <param name="Toelichting">Details (no personal data).</param>
public sealed record DemoStap(string Stap, bool Geslaagd, string Toelichting);

/// <summary>The demo's outcome.</summary>
/// <param name="Geslaagd">True when every step went as expected.</param>
/// <param name="Stappen">The steps.</param>
/// <param name="Dossiers">The received dossiers written.</param>
/// <param name="Transcript">The transcript file.</param>
/// <param name="Terugkoppelingen">The terugkoppelingen the school received, written.</param>
public sealed record DemoUitkomst(bool Geslaagd, IReadOnlyList<DemoStap> Stappen, IReadOnlyList<string> Dossiers, string Transcript,
    IReadOnlyList<string> Terugkoppelingen);

/// <summary>
/// Plays the OSO story through the public interfaces only (the School node's LAS API, which drives the protocol with
/// the Traffic Center): a primary school records inzage and releases, a secondary school registers the pupil and
/// requests the dossier, which arrives, is verified and imported; and a refused request that is notified and fulfilled
/// once the dossier is released.
/// </summary>
public sealed class DemoStory(Uri node, DemoState state, X509Certificate2 anchor, string outputDirectory, TimeProvider time, TextWriter log)
{
    private readonly List<DemoStap> _steps = [];
    private readonly List<string> _transcript = [];
    private readonly List<string> _files = [];
    private readonly List<string> _feedback = [];
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(90);

    /// <summary>Runs the story.</summary>
    public async Task<DemoUitkomst> RunAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(outputDirectory);
        using var po = new LasApiClient(node, state.Po.Brin, state.Po.LasSleutel, anchor);
        using var vo = new LasApiClient(node, state.Vo.Brin, state.Vo.LasSleutel, anchor);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var stamp = time.GetUtcNow().ToUnixTimeSeconds();
        var school = DemoSchools.SyntheticSchool(DemoSchools.Po);
        try
        {
            await StraightTransferAsync(po, vo, Pupil(school, (int)(stamp % 100_000), today), $"demo-{stamp}-a", today, ct).ConfigureAwait(false);
            await RefusedThenNotifiedAsync(po, vo, Pupil(school, (int)(stamp % 100_000) + 1, today), $"demo-{stamp}-b", today, ct).ConfigureAwait(false);
            if (state.Swv is { } swvSchool)
            {
                using var swv = new LasApiClient(node, swvSchool.Brin, swvSchool.LasSleutel, anchor);
                var seed = (int)(stamp % 100_000) + 2;
                await SwvAsync(po, swv, SyntheticTerugkoppeling.WithSupport(Pupil(school, seed, today), SyntheticProfile.Poswv, seed, today), $"demo-{stamp}-c", today, ct)
                    .ConfigureAwait(false);
            }
            else
            {
                Step("Samenwerkingsverband", false, "Deze gegevensmap heeft geen samenwerkingsverband; start 'oso up' opnieuw.");
            }
        }
        catch (Exception e) when (e is LasApiException or HttpRequestException or TaskCanceledException)
        {
            Step("Onverwachte fout", false, e.Message);
        }
        var transcript = Path.Combine(outputDirectory, "transcript.txt");
        await File.WriteAllLinesAsync(transcript, _transcript, ct).ConfigureAwait(false);
        return new DemoUitkomst(_steps.TrueForAll(s => s.Geslaagd), _steps, _files, transcript, _feedback);
    }

    private static Dossier.Model.Dossier Pupil(Dossier.Model.School school, int seed, DateOnly today) =>
        SyntheticDossiers.Create(SyntheticProfile.Povo, seed, today, new SyntheticOptions { School = school, AttachmentSize = 40 * 1024 }) with { Inzage = null };

    private async Task StraightTransferAsync(LasApiClient po, LasApiClient vo, Dossier.Model.Dossier pupil, string lasId, DateOnly today, CancellationToken ct)
    {
        Section("1. Overstap van groep 8 naar het voortgezet onderwijs");
        var delivered = await po.DeliverAsync(lasId, pupil, ct).ConfigureAwait(false);
        Step($"{po.Brin} levert het dossier aan via de LAS-API", true, $"leerling {delivered.LeerlingId}; {delivered.Fouten} fout(en) zolang de inzage ontbreekt");
        await po.RecordInzageAsync(lasId, new InzageInput(today, "Ja", null, null), ct).ConfigureAwait(false);
        Step($"{po.Brin} legt de inzage van de ouders vast (akkoord)", true, "");
        var release = await po.ReleaseAsync(lasId, ct).ConfigureAwait(false);
        Step($"{po.Brin} geeft het dossier vrij", true, $"versie {release.Versie}");

        var aanmelding = await vo.RegisterAsync(Aanmelding(pupil, po.Brin), ct).ConfigureAwait(false);
        Step($"{vo.Brin} meldt de leerling aan", true, $"aanmelding {aanmelding}");
        var requestId = await vo.RequestAsync(aanmelding, null, ct).ConfigureAwait(false);
        var request = await vo.WaitForRequestAsync(requestId, Wait, ct).ConfigureAwait(false);
        Trace(request);
        Step($"{vo.Brin} vraagt het dossier op", request.Resultaat == "OverdrachtGeslaagd", $"{request.Status}: {request.Resultaat} — {request.Toelichting}");
        await ImportAsync(vo, aanmelding, "1-overstap", ct).ConfigureAwait(false);
    }

    private async Task RefusedThenNotifiedAsync(LasApiClient po, LasApiClient vo, Dossier.Model.Dossier pupil, string lasId, DateOnly today, CancellationToken ct)
    {
        Section("2. Opgevraagd vóór de vrijgave; na de vrijgave genotificeerd en alsnog geleverd");
        await po.DeliverAsync(lasId, pupil, ct).ConfigureAwait(false);
        Step($"{po.Brin} levert het dossier aan, maar geeft het nog niet vrij", true, "");
        var aanmelding = await vo.RegisterAsync(Aanmelding(pupil, po.Brin), ct).ConfigureAwait(false);
        var first = await vo.WaitForRequestAsync(await vo.RequestAsync(aanmelding, null, ct).ConfigureAwait(false), Wait, ct).ConfigureAwait(false);
        Trace(first);
        Step($"{vo.Brin} vraagt het dossier op: nog niet beschikbaar", first.Resultaat == "LeerlinginfoNietBeschikbaar", $"{first.Resultaat} — {first.Toelichting}");

        await po.RecordInzageAsync(lasId, new InzageInput(today, "Nee", "Wij vinden het advies te laag.", null), ct).ConfigureAwait(false);
        var release = await po.ReleaseAsync(lasId, ct).ConfigureAwait(false);
        Step($"{po.Brin} legt de inzage (niet akkoord, met zienswijze) vast en geeft vrij", release.Notificaties >= 1,
            $"versie {release.Versie}; {release.Notificaties} wachtend(e) verzoek(en) worden genotificeerd");

        var watch = System.Diagnostics.Stopwatch.StartNew();
        OntvangenDto? received = null;
        while (watch.Elapsed < Wait && received is null)
        {
            received = (await vo.ReceivedAsync(onlyNew: true, ct).ConfigureAwait(false)).FirstOrDefault(r => r.AanmeldingId == aanmelding);
            if (received is null) await Task.Delay(200, ct).ConfigureAwait(false);
        }
        if (received is null)
        {
            Step($"{vo.Brin} ontvangt na de notificatie het dossier", false, "Geen dossier binnen " + Wait.TotalSeconds + " s.");
            return;
        }
        Trace(await vo.GetRequestAsync(received.AanvraagId, ct).ConfigureAwait(false));
        Step($"{vo.Brin} krijgt een notificatie en vraagt het dossier vanzelf opnieuw op", true, $"aanvraag {received.AanvraagId}");
        await ImportAsync(vo, aanmelding, "2-na-notificatie", ct).ConfigureAwait(false);
    }

    private async Task ImportAsync(LasApiClient vo, Guid aanmelding, string name, CancellationToken ct)
    {
        var received = (await vo.ReceivedAsync(onlyNew: true, ct).ConfigureAwait(false)).FirstOrDefault(r => r.AanmeldingId == aanmelding);
        if (received is null)
        {
            Step($"{vo.Brin} ontvangt het dossier", false, "Er staat geen ontvangen dossier klaar.");
            return;
        }
        var xml = await vo.ReceivedXmlAsync(received.Id, ct).ConfigureAwait(false);
        var report = new DossierValidator().Validate(new MemoryStream(xml), ct);
        var file = Path.Combine(outputDirectory, $"{name}-{received.Id}.xml");
        await File.WriteAllBytesAsync(file, xml, ct).ConfigureAwait(false);
        _files.Add(file);
        Step($"{vo.Brin} controleert het ontvangen dossier", report.Valid, $"{xml.Length / 1024} kB, {(report.Valid ? "geldig" : report.Fouten + " fout(en)")} volgens de officiële standaard; {Path.GetFileName(file)}");
        // the bron's signature beside the untouched dossier: oso dossier verify FILE --trust-anchor ca.crt.pem checks them together
        var signature = await vo.ReceivedSignatureAsync(received.Id, ct).ConfigureAwait(false);
        if (signature is not null) await File.WriteAllBytesAsync(file + ".sig", signature, ct).ConfigureAwait(false);
        Step($"{vo.Brin} bewaart de handtekening van {received.BronBrin} naast het dossier", signature is not null && received.Handtekening?.Status == "Geldig",
            signature is null ? "De bronschool heeft het dossier niet ondertekend." : $"{received.Handtekening?.Toelichting} {Path.GetFileName(file)}.sig");
        await vo.AcknowledgeAsync(received.Id, ct).ConfigureAwait(false);
        Step($"{vo.Brin} bevestigt de import in het LAS", true, "");
    }

    private async Task SwvAsync(LasApiClient po, LasApiClient swv, Dossier.Model.Dossier pupil, string lasId, DateOnly today, CancellationToken ct)
    {
        Section("3. Swv-dossier naar het samenwerkingsverband, met terugkoppeling");
        await po.DeliverAsync(lasId, pupil, ct).ConfigureAwait(false);
        await po.RecordInzageAsync(lasId, new InzageInput(today, "Ja", null, null), ct).ConfigureAwait(false);
        var release = await po.ReleaseAsync(lasId, ct).ConfigureAwait(false);
        Step($"{po.Brin} levert het dossier aan, legt de inzage vast en geeft vrij", true, $"versie {release.Versie}");
        var sending = await po.SendToSwvAsync(lasId, swv.Brin, ct).ConfigureAwait(false);
        Step($"{po.Brin} kiest samenwerkingsverband {swv.Brin}", true, $"profiel {sending.Profiel}");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        sending = await po.WaitForSwvSendingAsync(sending.Id, Wait, ct).ConfigureAwait(false);
        _transcript.Add($"    Stappen bij {po.Brin} (verzending {sending.Id}):");
        foreach (var t in sending.Stappen) _transcript.Add($"      {t.At:HH:mm:ss.fff}  {t.Stap,-30} {t.Partij,-55} {t.Resultaat ?? "",-28} {t.Toelichting}");
        Step($"{swv.Brin} krijgt de koppelsleutel en haalt het swv-dossier op", sending.Status == "Opgehaald", $"{sending.Status}: {(sending.Stappen.Count > 0 ? sending.Stappen[^1].Toelichting : "")}");

        // the SWV stores the dossier after the school delivered it (signature and rules checked, then afmelding): wait for that
        SwvDossierDto? received;
        while ((received = (await swv.SwvDossiersAsync(ct).ConfigureAwait(false)).LastOrDefault(d => d.SchoolBrin == po.Brin && d.GemeldOp >= sending.Aangemaakt))
               is null or { Status: "Wachtrij" } && watch.Elapsed < Wait)
            await Task.Delay(200, ct).ConfigureAwait(false);
        if (received is { Status: not "Ontvangen" }) received = null;
        if (received is null)
        {
            Step($"{swv.Brin} ontvangt het swv-dossier", false, "Er staat geen ontvangen swv-dossier klaar.");
            return;
        }
        _transcript.Add($"    Stappen bij {swv.Brin} (swv-dossier {received.Id}):");
        foreach (var t in received.Stappen) _transcript.Add($"      {t.At:HH:mm:ss.fff}  {t.Stap,-30} {t.Partij,-55} {t.Resultaat ?? "",-28} {t.Toelichting}");
        var xml = await swv.SwvDossierXmlAsync(received.Id, ct).ConfigureAwait(false);
        var report = new DossierValidator().Validate(new MemoryStream(xml), ct);
        var file = Path.Combine(outputDirectory, $"3-swv-dossier-{received.Id}.xml");
        await File.WriteAllBytesAsync(file, xml, ct).ConfigureAwait(false);
        _files.Add(file);
        Step($"{swv.Brin} controleert het swv-dossier", report.Valid, $"{xml.Length / 1024} kB, {(report.Valid ? "geldig" : report.Fouten + " fout(en)")} volgens XSD en PaO-regels; {Path.GetFileName(file)}");
        var signature = await swv.SwvDossierSignatureAsync(received.Id, ct).ConfigureAwait(false);
        if (signature is not null) await File.WriteAllBytesAsync(file + ".sig", signature, ct).ConfigureAwait(false);
        Step($"{swv.Brin} bewaart de handtekening van {po.Brin} naast het swv-dossier", signature is not null && received.Handtekening?.Status == "Geldig",
            signature is null ? "De school heeft het swv-dossier niet ondertekend." : $"{received.Handtekening?.Toelichting} {Path.GetFileName(file)}.sig");

        var dossier = Dossier.DossierReader.Read(new MemoryStream(xml), cancellationToken: ct).Dossier!;
        var feedback = SyntheticTerugkoppeling.For(dossier, DemoSchools.SyntheticSchool(DemoSchools.Swv), "SWV-" + received.Id.ToString("N")[..8], today,
            "Toelaatbaarheidsverklaring afgegeven: arrangement in het regulier onderwijs");
        var sent = await swv.SendFeedbackAsync(received.Id, Dossier.DossierWriter.ToBytes(feedback), ct).ConfigureAwait(false);
        Step($"{swv.Brin} stuurt een terugkoppeling (één poging)", sent.Verstuurd, $"{sent.Resultaat} — {sent.Toelichting}");

        var back = (await po.FeedbackAsync(ct).ConfigureAwait(false)).LastOrDefault(t => t.Richting == "Ontvangen" && t.PartnerBrin == swv.Brin);
        if (back is null)
        {
            Step($"{po.Brin} ontvangt de terugkoppeling", false, "Er staat geen terugkoppeling klaar.");
            return;
        }
        var feedbackXml = await po.FeedbackXmlAsync(back.Id, ct).ConfigureAwait(false);
        var feedbackReport = new DossierValidator().Validate(new MemoryStream(feedbackXml), ct);
        var feedbackFile = Path.Combine(outputDirectory, $"3-terugkoppeling-{back.Id}.xml");
        await File.WriteAllBytesAsync(feedbackFile, feedbackXml, ct).ConfigureAwait(false);
        _feedback.Add(feedbackFile);
        Step($"{po.Brin} ontvangt de terugkoppeling", feedbackReport.Valid,
            $"{(feedbackReport.Valid ? "geldig" : feedbackReport.Fouten + " fout(en)")} volgens de XSD; {Path.GetFileName(feedbackFile)}");
    }

    private static AanmeldingDto Aanmelding(Dossier.Model.Dossier pupil, string bron)
    {
        var l = pupil.Huidigeschool.Leerling;
        return new AanmeldingDto((l.Bsn ?? l.Onderwijsnummer)!, l.Geboortedatum!.Value, bron, BronDossiers.Name(l), null);
    }

    private void Section(string title)
    {
        log.WriteLine(title);
        _transcript.Add("");
        _transcript.Add(title);
    }

    private void Step(string stap, bool ok, string toelichting)
    {
        _steps.Add(new DemoStap(stap, ok, toelichting));
        var line = $"  {(ok ? "✓" : "✗")} {stap}{(toelichting.Length > 0 ? " — " + toelichting : "")}";
        log.WriteLine(line);
        _transcript.Add(line);
    }

    private void Trace(AanvraagDto request)
    {
        _transcript.Add($"    Protocolstappen van aanvraag {request.Id}:");
        foreach (var s in request.Stappen)
            _transcript.Add($"      {s.At:HH:mm:ss.fff}  {s.Stap,-30} {s.Partij,-55} {s.Resultaat ?? "",-28} {s.Toelichting}");
    }
}
