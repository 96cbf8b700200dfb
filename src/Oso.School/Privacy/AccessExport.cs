using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Oso.Dossier;
using Oso.Dossier.Rendering;
using Oso.School.Audit;
using Oso.School.Crypto;
using Oso.School.Parents;
using Oso.School.Portal;
using Oso.School.Portal.Dossiers;
using Oso.School.Portal.Swv;
using Oso.School.Storage;
using static Oso.School.Crypto.ProtectedDossiers;

namespace Oso.School.Privacy;

/// <summary>
/// Right of access (AVG art. 15): everything the node holds about a pupil as bron, as one ZIP — readable
/// (<c>overzicht.html</c>, and the dossier as <c>overstapdossier.pdf</c>) and machine-readable (the dossier and every
/// released version as XML under <c>dossier/</c>, each terugkoppeling of a samenwerkingsverband under <c>swv/</c>, the rest
/// as <c>gegevens.json</c>). For parents from their page, and
/// for staff on a parent's request. Every download is audited (as the link or the staff member, never a name). The
/// parents' e-mail addresses are not in it: they are the parents' data, not the pupil's, and one parent's download must
/// not show another's address.
/// </summary>
public sealed class AccessExport(SchoolStore store, ProtectedDossiers crypto, ParentLinks links, Corrections corrections, SwvOverview swvOverview, AuditLog audit,
    TimeProvider time)
{
    /// <summary>The download's file name (no name of the pupil in it: it lands in download folders and mail).</summary>
    public const string FileName = "overstapdossier-gegevens.zip";

    /// <summary>The ZIP for the holder of a working parents' link (their own child only), or null when the link no longer works.</summary>
    public async Task<byte[]?> ForParentsAsync(Guid linkId, CancellationToken cancellationToken = default)
    {
        var link = await links.FindActiveAsync(linkId, cancellationToken).ConfigureAwait(false);
        return link is null ? null : await BuildAsync(link.Brin, link.PupilId, Actor.Ouder(link.Id.ToString()), "ouders", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The ZIP for staff of the school, made on a parent's request; null when the school has no such pupil.</summary>
    public Task<byte[]?> ForStaffAsync(string brin, Guid pupilId, Actor actor, CancellationToken cancellationToken = default) =>
        BuildAsync(brin, pupilId, actor, "school", cancellationToken);

    private async Task<byte[]?> BuildAsync(string brin, Guid pupilId, Actor actor, string via, CancellationToken cancellationToken)
    {
        var correcties = await corrections.ListAsync(brin, pupilId, cancellationToken).ConfigureAwait(false);
        // the dossier sent to a samenwerkingsverband passend onderwijs, and what it reported back
        var swv = await swvOverview.SentAsync(brin, pupilId, cancellationToken).ConfigureAwait(false);
        var terug = swv.SelectMany(d => d.Terug.Select(t => (Dossier: d, Row: t))).OrderBy(t => t.Row.At)
            .Select((t, i) => new SwvFeedbackFile(t.Dossier.SwvNaam ?? t.Row.PartnerBrin, t.Row, crypto.Xml(brin, t.Row.Xml, Contexts.Terugkoppeling(t.Row.Id)), $"swv/terugkoppeling-{i + 1}.xml"))
            .ToList();
        return await store.WriteAsync(async db =>
        {
            var pupil = await db.Pupils.AsNoTracking().FirstOrDefaultAsync(p => p.Id == pupilId && p.Brin == brin, cancellationToken).ConfigureAwait(false);
            var draft = pupil is null ? null : await db.Drafts.AsNoTracking().FirstOrDefaultAsync(d => d.PupilId == pupilId, cancellationToken).ConfigureAwait(false);
            if (pupil is null || draft is null) return null;
            var school = await db.Tenants.AsNoTracking().FirstAsync(t => t.Brin == brin, cancellationToken).ConfigureAwait(false);
            var identity = crypto.Json<PupilIdentity>(brin, pupil.Identity, Contexts.PupilIdentity(pupilId));
            var draftXml = crypto.Xml(brin, draft.Xml, Contexts.Draft(pupilId));
            var dossier = DossierReader.ReadDossier(new MemoryStream(draftXml));
            var releases = await db.Releases.AsNoTracking().Where(r => r.PupilId == pupilId && r.Brin == brin).OrderBy(r => r.Version)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            var disclosures = await DossierOverview.DisclosuresAsync(db, brin, pupilId, cancellationToken).ConfigureAwait(false);
            var requests = await db.IncomingRequests.AsNoTracking().Where(r => r.Brin == brin && r.PupilId == pupilId).OrderBy(r => r.ReceivedAt)
                .Select(r => new { r.DoelBrin, r.ReceivedAt, r.Overdrachtsoort, r.Resultaat, r.NotifiedAt }).ToListAsync(cancellationToken).ConfigureAwait(false);
            var parentLinks = await db.ParentLinks.AsNoTracking().Where(l => l.Brin == brin && l.PupilId == pupilId).OrderBy(l => l.CreatedAt)
                .Select(l => new { l.CreatedAt, l.ExpiresAt, l.SentAt, l.OpenedAt, l.RespondedAt, l.GegevenDoor, l.RevokedAt }).ToListAsync(cancellationToken).ConfigureAwait(false);
            var pupilRef = pupilId.ToString();
            var log = await db.Audit.AsNoTracking().Where(a => a.Brin == brin && a.PupilRef == pupilRef).OrderBy(a => a.Sequence)
                .Select(a => new { a.At, a.ActorKind, a.Action, a.Purpose }).ToListAsync(cancellationToken).ConfigureAwait(false);

            var now = time.GetUtcNow();
            var data = new
            {
                gemaakt = now,
                school = new { brin, naam = school.Naam, privacycontact = PrivacyContact.Of(school) },
                leerling = new { naam = identity.Naam, geboortedatum = identity.Geboortedatum, groep = identity.Groep, sinds = pupil.CreatedAt },
                dossier = new { bijgewerkt = draft.UpdatedAt, bestand = "dossier/huidig.xml" },
                versies = releases.Select(r => new
                {
                    versie = r.Version, vrijgegeven = r.ReleasedAt, nietMeegestuurd = r.OptOut.Split(',', StringSplitOptions.RemoveEmptyEntries),
                    vervangen = r.SupersededAt, bestand = $"dossier/versie-{r.Version}.xml",
                }),
                verstrekkingen = disclosures.OrderBy(d => d.Op).Select(d => new { school = d.DoelBrin, naam = d.DoelNaam, op = d.Op, profiel = d.Profiel, versie = d.Versie }),
                samenwerkingsverband = swv.OrderBy(d => d.Row.CreatedAt).Select(d => new
                {
                    samenwerkingsverband = d.Row.SwvBrin, naam = d.SwvNaam, gekozen = d.Row.CreatedAt, profiel = d.Row.Profiel, stand = d.Row.Status,
                    opgehaald = d.Row.FetchedAt,
                }),
                terugkoppelingen = terug.Select(t => new
                {
                    samenwerkingsverband = t.Row.PartnerBrin, naam = t.Naam, ontvangen = t.Row.At, besluiten = SwvOverview.Besluiten(t.Xml), bestand = t.Bestand,
                }),
                verzoeken = requests.Select(r => new { school = r.DoelBrin, ontvangen = r.ReceivedAt, soort = r.Overdrachtsoort, uitkomst = r.Resultaat, genotificeerd = r.NotifiedAt }),
                reactie = dossier.Inzage is { } i ? new { akkoord = i.Akkoord?.Value, zienswijze = i.Redennietakkoord, toestemming = i.Toestemming?.Value } : null,
                ouderlinks = parentLinks,
                correcties = correcties.Select(c => new { ingediend = c.CreatedAt, door = c.Source, verzoek = c.Request, status = c.Status, afgehandeld = c.HandledAt, uitkomst = c.Outcome }),
                logboek = log.Select(a => new { op = a.At, wie = a.ActorKind, actie = a.Action, waarom = a.Purpose }),
            };

            using var zip = new MemoryStream();
            using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
            {
                Add(archive, "overzicht.html", Encoding.UTF8.GetBytes(AccessOverview.Html(school.Naam, identity.Naam, now, dossier, data.versies.Count(),
                    disclosures, swv, terug, correcties, log.Select(a => (a.At, a.ActorKind, a.Purpose)).ToList())));
                Add(archive, "overstapdossier.pdf", DossierPdfRenderer.Render(dossier));
                Add(archive, "dossier/huidig.xml", draftXml);
                foreach (var r in releases)
                {
                    using var xml = crypto.ReleaseXml(db, r);
                    Add(archive, $"dossier/versie-{r.Version}.xml", xml);
                }
                foreach (var t in terug) Add(archive, t.Bestand, t.Xml);
                Add(archive, "gegevens.json", JsonSerializer.SerializeToUtf8Bytes(data, Json));
            }
            await audit.RecordAsync(db, brin, actor, "inzage.gedownload", "Alle gegevens over de leerling zijn gedownload (recht op inzage, AVG art. 15).", pupilRef,
                string.Create(CultureInfo.InvariantCulture, $"via={via};versies={releases.Count};verstrekkingen={disclosures.Count};swv={swv.Count};terugkoppelingen={terug.Count}"), cancellationToken).ConfigureAwait(false);
            return zip.ToArray();
        }, cancellationToken).ConfigureAwait(false);
    }

    internal static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    internal static void Add(ZipArchive archive, string name, Stream content)
    {
        var entry = archive.CreateEntry(name, CompressionLevel.Optimal);
        using var stream = entry.Open();
        content.CopyTo(stream);
    }

    internal static void Add(ZipArchive archive, string name, byte[] content)
    {
        var entry = archive.CreateEntry(name, CompressionLevel.Optimal);
        using var stream = entry.Open();
        stream.Write(content);
    }
}

/// <summary>A terugkoppeling in the access download: who sent it, the stored row, its XML and its file name in the ZIP.</summary>
internal sealed record SwvFeedbackFile(string Naam, Oso.School.Swv.Terugkoppeling Row, byte[] Xml, string Bestand);

/// <summary>The readable overview in the access download: plain Dutch, self-contained (no scripts, no external resources).</summary>
internal static class AccessOverview
{
    public static string Html(string school, string naam, DateTimeOffset now, Oso.Dossier.Model.Dossier dossier, int versies,
        IReadOnlyList<DisclosureInfo> verstrekkingen, IReadOnlyList<SentSwvDossier> swv, IReadOnlyList<SwvFeedbackFile> terug, IReadOnlyList<CorrectionView> correcties, IReadOnlyList<(DateTimeOffset At, string Wie, string Waarom)> log)
    {
        var h = Start(naam, school);
        h.Append("<p>Dit overzicht is gemaakt op ").Append(Day(now)).Append(". Het bevat alles wat de overstapservice van de school over uw kind bewaart: ")
            .Append("het overstapdossier zoals het nu is, ").Append(versies).Append(versies == 1 ? " vrijgegeven versie" : " vrijgegeven versies")
            .Append(", welke scholen het dossier kregen en wanneer, of het naar het samenwerkingsverband ging en wat dat terugmeldde, uw reactie, uw verzoeken om correctie en wie het dossier wanneer bekeek. ")
            .Append("Dezelfde gegevens staan in dit bestand ook in een vorm die een computer kan lezen (<code>gegevens.json</code> en de XML-bestanden in <code>dossier/</code> en <code>swv/</code>).</p>\n");

        h.Append("<h2>Wie kreeg het dossier</h2>\n");
        if (verstrekkingen.Count == 0) h.Append("<p>Nog geen enkele school.</p>\n");
        else
        {
            h.Append("<table><thead><tr><th scope=\"col\">School</th><th scope=\"col\">Wanneer</th><th scope=\"col\">Versie</th></tr></thead><tbody>\n");
            foreach (var v in verstrekkingen.OrderBy(v => v.Op))
                h.Append("<tr><td>").Append(E(v.DoelNaam ?? v.DoelBrin)).Append(" (").Append(E(v.DoelBrin)).Append(")</td><td>").Append(Moment(v.Op))
                    .Append("</td><td>").Append(v.Versie?.ToString(CultureInfo.InvariantCulture) ?? "—").Append("</td></tr>\n");
            h.Append("</tbody></table>\n");
        }

        Swv(h, swv, terug);

        h.Append("<h2>Verzoeken om correctie of bezwaar</h2>\n");
        if (correcties.Count == 0) h.Append("<p>Geen.</p>\n");
        foreach (var c in correcties)
            h.Append("<p><strong>").Append(Day(c.CreatedAt)).Append("</strong> (").Append(c.Source == "ouders" ? "door u" : "door de school namens u").Append("): ")
                .Append(E(c.Request)).Append("<br />").Append(c.Outcome is null ? "Nog niet afgehandeld." : "Afgehandeld op " + Day(c.HandledAt!.Value) + ": " + E(c.Outcome)).Append("</p>\n");

        h.Append("<h2>Wie bekeek of veranderde het dossier</h2>\n<p>Zonder namen: het logboek noemt de soort gebruiker (medewerker van de school, ouders, ")
            .Append("het leerlingvolgsysteem of de overstapservice zelf).</p>\n<table><thead><tr><th scope=\"col\">Wanneer</th><th scope=\"col\">Wie</th><th scope=\"col\">Wat</th></tr></thead><tbody>\n");
        foreach (var (at, wie, waarom) in log)
            h.Append("<tr><td>").Append(Moment(at)).Append("</td><td>").Append(E(Who(wie))).Append("</td><td>").Append(E(waarom)).Append("</td></tr>\n");
        h.Append("</tbody></table>\n<h2>Het overstapdossier</h2>\n")
            .Append(DossierHtmlRenderer.RenderFragment(dossier, new DossierRenderOptions { HeadingLevel = 3, IdPrefix = "dossier" }))
            .Append("</main>\n</body>\n</html>\n");
        return h.ToString();
    }

    /// <summary>The dossier sent to a samenwerkingsverband passend onderwijs and each terugkoppeling with its decisions.</summary>
    private static void Swv(StringBuilder h, IReadOnlyList<SentSwvDossier> swv, IReadOnlyList<SwvFeedbackFile> terug)
    {
        h.Append("<h2>Samenwerkingsverband passend onderwijs</h2>\n");
        if (swv.Count == 0)
        {
            h.Append("<p>Het dossier is niet naar een samenwerkingsverband gestuurd.</p>\n");
            return;
        }
        h.Append("<p>Voor een toelaatbaarheidsverklaring of een arrangement stuurde de school het dossier (beperkt tot wat het samenwerkingsverband nodig heeft, ")
            .Append("zonder BSN of onderwijsnummer) naar het samenwerkingsverband.</p>\n")
            .Append("<table><thead><tr><th scope=\"col\">Samenwerkingsverband</th><th scope=\"col\">Gestuurd</th><th scope=\"col\">Opgehaald</th></tr></thead><tbody>\n");
        foreach (var d in swv.OrderBy(d => d.Row.CreatedAt))
            h.Append("<tr><td>").Append(E(d.SwvNaam ?? d.Row.SwvBrin)).Append(" (").Append(E(d.Row.SwvBrin)).Append(")</td><td>").Append(Moment(d.Row.CreatedAt))
                .Append("</td><td>").Append(d.Row.FetchedAt is { } op ? Moment(op) : "nog niet").Append("</td></tr>\n");
        h.Append("</tbody></table>\n<h3>Wat het samenwerkingsverband terugmeldde</h3>\n");
        if (terug.Count == 0) h.Append("<p>Nog niets.</p>\n");
        foreach (var t in terug)
        {
            h.Append("<p><strong>").Append(Moment(t.Row.At)).Append("</strong>, ").Append(E(t.Naam)).Append(" (bestand <code>").Append(E(t.Bestand)).Append("</code>):</p>\n<ul>\n");
            foreach (var besluit in SwvOverview.Besluiten(t.Xml)) h.Append("<li>").Append(E(besluit)).Append("</li>\n");
            h.Append("</ul>\n");
        }
    }

    /// <summary>The document up to and including the heading: self-contained, no scripts, no external resources.</summary>
    internal static StringBuilder Start(string naam, string school) => new StringBuilder()
        .Append("<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\" />\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n")
        .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\" />\n")
        .Append("<title>Gegevens over ").Append(E(naam)).Append("</title>\n<style>\nbody{font-family:system-ui,sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem;line-height:1.5}")
        .Append("table{border-collapse:collapse;width:100%}th,td{border:1px solid #999;padding:.25rem .5rem;text-align:left;vertical-align:top}\n")
        .Append(DossierHtmlRenderer.StyleSheet).Append("</style>\n</head>\n<body>\n<main>\n")
        .Append("<h1>Gegevens over ").Append(E(naam)).Append(" bij ").Append(E(school)).Append("</h1>\n");

    internal static string Who(string kind) => kind switch
    {
        "Medewerker" => "een medewerker van de school",
        "Ouder" => "ouders (via hun link)",
        "Las" => "het leerlingvolgsysteem",
        "Systeem" => "een andere school (via OSO)",
        _ => "de overstapservice",
    };

    internal static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    private static string Day(DateTimeOffset at) => Dutch.Date(DateOnly.FromDateTime(Amsterdam.Local(at).DateTime));

    internal static string Moment(DateTimeOffset at) => Dutch.Moment(at);
}
