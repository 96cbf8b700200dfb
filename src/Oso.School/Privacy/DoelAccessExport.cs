using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Oso.School.Audit;
using Oso.School.Crypto;
using Oso.School.Portal;
using Oso.School.Portal.Doel;
using Oso.School.Storage;
using static Oso.School.Crypto.ProtectedDossiers;
using static Oso.School.Privacy.AccessOverview;

namespace Oso.School.Privacy;

/// <summary>
/// Right of access (AVG art. 15) at the new school: what the node holds about a pupil as doel — the aanmelding, every
/// request for the dossier with its outcome, and every received dossier version (as XML) with whether it was imported —
/// as one ZIP (<c>overzicht.html</c>, <c>ontvangen/dossier-N.xml</c>, <c>gegevens.json</c>). For staff of that school on
/// a parent's request; audited like the bron download (<c>inzage.gedownload</c>, via=doel), by the aanmelding's id.
/// </summary>
public sealed class DoelAccessExport(SchoolStore store, ProtectedDossiers crypto, AuditLog audit, TimeProvider time)
{
    /// <summary>The download's file name (no name of the pupil in it).</summary>
    public const string FileName = "aanmelding-gegevens.zip";

    /// <summary>The ZIP for staff of the doel school; null when the school has no such aanmelding.</summary>
    public async Task<byte[]?> ForStaffAsync(string brin, Guid aanmeldingId, Actor actor, CancellationToken cancellationToken = default) =>
        await store.WriteAsync(async db =>
        {
            var aanmelding = await db.Aanmeldingen.AsNoTracking().FirstOrDefaultAsync(a => a.Id == aanmeldingId && a.Brin == brin, cancellationToken).ConfigureAwait(false);
            if (aanmelding is null) return null;
            var school = await db.Tenants.AsNoTracking().FirstAsync(t => t.Brin == brin, cancellationToken).ConfigureAwait(false);
            var bronNaam = await db.Tenants.AsNoTracking().Where(t => t.Brin == aanmelding.BronBrin).Select(t => t.Naam).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            var identity = crypto.Json<PupilIdentity>(brin, aanmelding.Identity, Contexts.AanmeldingIdentity(aanmeldingId));
            var requests = (await db.TransferRequests.AsNoTracking().Where(r => r.Brin == brin && r.AanmeldingId == aanmeldingId).ToListAsync(cancellationToken).ConfigureAwait(false))
                .OrderBy(r => r.CreatedAt).Select(RequestSummary.From).ToList();
            var received = (await db.ReceivedDossiers.AsNoTracking().Where(d => d.Brin == brin && d.AanmeldingId == aanmeldingId).ToListAsync(cancellationToken).ConfigureAwait(false))
                .OrderBy(d => d.ReceivedAt).ToList();
            var reference = aanmeldingId.ToString();
            var log = await db.Audit.AsNoTracking().Where(a => a.Brin == brin && a.PupilRef == reference).OrderBy(a => a.Sequence)
                .Select(a => new { a.At, a.ActorKind, a.Action, a.Purpose }).ToListAsync(cancellationToken).ConfigureAwait(false);

            var now = time.GetUtcNow();
            var data = new
            {
                gemaakt = now,
                school = new { brin, naam = school.Naam, privacycontact = PrivacyContact.Of(school) },
                aanmelding = new
                {
                    naam = identity.Naam, geboortedatum = identity.Geboortedatum, vorigeSchool = aanmelding.BronBrin, vorigeSchoolNaam = bronNaam,
                    soort = aanmelding.Overdrachtsoort, aangemeld = aanmelding.CreatedAt,
                },
                aanvragen = requests.Select(r => new { aangevraagd = r.Aangemaakt, door = r.Trigger, stand = r.StatusText, uitkomst = r.Resultaat, toelichting = r.Toelichting, afgerond = r.Afgerond }),
                ontvangen = received.Select((d, i) => new { ontvangen = d.ReceivedAt, van = d.BronBrin, geldig = d.Valid, geimporteerd = d.ImportedAt, bestand = $"ontvangen/dossier-{i + 1}.xml" }),
                logboek = log.Select(a => new { op = a.At, wie = a.ActorKind, actie = a.Action, waarom = a.Purpose }),
            };

            using var zip = new MemoryStream();
            using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
            {
                AccessExport.Add(archive, "overzicht.html", Encoding.UTF8.GetBytes(Html(school.Naam, identity.Naam, now, aanmelding.BronBrin, bronNaam, requests, received,
                    log.Select(a => (a.At, a.ActorKind, a.Purpose)).ToList())));
                for (var i = 0; i < received.Count; i++)
                {
                    using var xml = crypto.ReceivedXml(store, received[i]);
                    AccessExport.Add(archive, $"ontvangen/dossier-{i + 1}.xml", xml);
                }
                AccessExport.Add(archive, "gegevens.json", JsonSerializer.SerializeToUtf8Bytes(data, AccessExport.Json));
            }
            await audit.RecordAsync(db, brin, actor, "inzage.gedownload", "Alle gegevens over de aangemelde leerling zijn gedownload (recht op inzage, AVG art. 15).", reference,
                string.Create(CultureInfo.InvariantCulture, $"via=doel;aanvragen={requests.Count};ontvangen={received.Count}"), cancellationToken).ConfigureAwait(false);
            return zip.ToArray();
        }, cancellationToken).ConfigureAwait(false);

    private static string Html(string school, string naam, DateTimeOffset now, string bronBrin, string? bronNaam, IReadOnlyList<RequestSummary> requests,
        IReadOnlyList<Oso.School.Doel.ReceivedDossier> received, IReadOnlyList<(DateTimeOffset At, string Wie, string Waarom)> log)
    {
        var h = Start(naam, school);
        h.Append("<p>Dit overzicht is gemaakt op ").Append(Moment(now)).Append(". Het bevat alles wat de overstapservice van de school over uw kind bewaart als nieuwe school: ")
            .Append("de aanmelding, elke keer dat de school het dossier bij de vorige school ").Append(E(bronNaam is null ? bronBrin : $"{bronNaam} ({bronBrin})"))
            .Append(" opvroeg en wat daaruit kwam, de ontvangen dossiers en of de school ze in haar eigen administratie heeft overgenomen. ")
            .Append("Dezelfde gegevens staan ook in een vorm die een computer kan lezen (<code>gegevens.json</code> en de XML-bestanden in <code>ontvangen/</code>).</p>\n");
        h.Append("<h2>Opgevraagd</h2>\n");
        if (requests.Count == 0) h.Append("<p>Het dossier is nog niet opgevraagd.</p>\n");
        else
        {
            h.Append("<table><thead><tr><th scope=\"col\">Wanneer</th><th scope=\"col\">Uitkomst</th></tr></thead><tbody>\n");
            foreach (var r in requests) h.Append("<tr><td>").Append(Moment(r.Aangemaakt)).Append("</td><td>").Append(E(r.StatusText)).Append("</td></tr>\n");
            h.Append("</tbody></table>\n");
        }
        h.Append("<h2>Ontvangen dossiers</h2>\n");
        if (received.Count == 0) h.Append("<p>Er is nog geen dossier ontvangen.</p>\n");
        else
        {
            h.Append("<table><thead><tr><th scope=\"col\">Ontvangen</th><th scope=\"col\">Overgenomen in de administratie</th><th scope=\"col\">Bestand</th></tr></thead><tbody>\n");
            for (var i = 0; i < received.Count; i++)
                h.Append("<tr><td>").Append(Moment(received[i].ReceivedAt)).Append("</td><td>").Append(received[i].ImportedAt is { } g ? "op " + Moment(g) : "nog niet")
                    .Append("</td><td><code>ontvangen/dossier-").Append(i + 1).Append(".xml</code></td></tr>\n");
            h.Append("</tbody></table>\n");
        }
        h.Append("<h2>Wie bekeek of veranderde de gegevens</h2>\n<table><thead><tr><th scope=\"col\">Wanneer</th><th scope=\"col\">Wie</th><th scope=\"col\">Wat</th></tr></thead><tbody>\n");
        foreach (var (at, wie, waarom) in log)
            h.Append("<tr><td>").Append(Moment(at)).Append("</td><td>").Append(E(Who(wie))).Append("</td><td>").Append(E(waarom)).Append("</td></tr>\n");
        return h.Append("</tbody></table>\n</main>\n</body>\n</html>\n").ToString();
    }
}
