using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;
using Oso.Dossier.Identifiers;
using Oso.School.Audit;
using Oso.School.Crypto;
using Oso.School.LasApi;
using Oso.School.Storage;

namespace Oso.School.Tenancy;

/// <summary>Node administration: the schools it serves, their aanleverpunten and LAS clients (used by the CLI and <c>oso up</c>).</summary>
public sealed class SchoolAdmin(SchoolStore store, PupilDataProtector protector, ProtectedDossiers crypto, AuditLog audit, TimeProvider time)
{
    /// <summary>Adds a school (with a new data key), or returns false when it exists.</summary>
    public async Task<bool> AddSchoolAsync(string brin, string naam, string sector, string? plaats, CancellationToken cancellationToken = default)
    {
        if (!Brin.TryParse(brin, out _)) throw new ArgumentException($"'{brin}' is geen BRIN-nummer.", nameof(brin));
        if (sector is not ("PO" or "VO" or "SO" or "SWV")) throw new ArgumentException("De sector is PO, VO, SO of SWV.", nameof(sector));
        return await store.WriteAsync(async db =>
        {
            if (await db.Tenants.AnyAsync(t => t.Brin == brin, cancellationToken).ConfigureAwait(false)) return false;
            var (key, index) = protector.NewSchoolKeys(brin);
            var now = time.GetUtcNow();
            db.Tenants.Add(new SchoolTenant
            {
                Brin = brin, Naam = naam, Sector = sector, Plaats = plaats, DataKeyId = key.KeyId, WrappedIndexKey = index, CreatedAt = now,
            });
            db.DataKeys.Add(new SchoolDataKey { Brin = brin, KeyId = key.KeyId, Wrapped = key.Wrapped, CreatedAt = now });
            await audit.RecordAsync(db, brin, Actor.Node, "school.toegevoegd", "De school is op deze node aangesloten.", cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sets whom parents ask about privacy at the school (shown on the parents' pages); throws with a Dutch message when
    /// the school is unknown or a value cannot be used. Audited without the values (they are a person's contact data).
    /// </summary>
    public Task SetPrivacyContactAsync(string brin, string naam, string? email, string? telefoon, CancellationToken cancellationToken = default)
    {
        if (Privacy.PrivacyContact.Problem(naam, email, telefoon) is { } problem) throw new ArgumentException(problem);
        return store.WriteAsync(async db =>
        {
            var school = await db.Tenants.FirstOrDefaultAsync(t => t.Brin == brin, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"School {brin} is niet bekend op deze node; sluit haar eerst aan (oso school add).");
            school.PrivacyContactName = naam.Trim();
            school.PrivacyContactEmail = string.IsNullOrWhiteSpace(email) ? null : email.Trim();
            school.PrivacyContactPhone = string.IsNullOrWhiteSpace(telefoon) ? null : telefoon.Trim();
            await audit.RecordAsync(db, brin, Actor.Node, "school.privacycontact", "De contactpersoon voor privacy van de school is vastgelegd.",
                cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }

    /// <summary>Adds an aanleverpunt of a school on this node; false when it exists (idempotent).</summary>
    public Task<bool> AddAanleverpuntAsync(string brin, string routeringsKenmerk, string doel = "OV", CancellationToken cancellationToken = default) =>
        store.WriteAsync(async db =>
        {
            if (!await db.Tenants.AnyAsync(t => t.Brin == brin, cancellationToken).ConfigureAwait(false))
                throw new InvalidOperationException($"School {brin} is niet bekend op deze node; sluit haar eerst aan (oso school add).");
            var existing = await db.Aanleverpunten.FirstOrDefaultAsync(a => a.RouteringsKenmerk == routeringsKenmerk, cancellationToken).ConfigureAwait(false);
            if (existing is not null)
            {
                return existing.Brin == brin ? false
                    : throw new InvalidOperationException($"Aanleverpunt {routeringsKenmerk} hoort al bij school {existing.Brin}.");
            }
            db.Aanleverpunten.Add(new NodeAanleverpunt { RouteringsKenmerk = routeringsKenmerk, Brin = brin, Doel = doel });
            await audit.RecordAsync(db, brin, Actor.Node, "aanleverpunt.toegevoegd", "Een aanleverpunt (" + doel + ") is op deze node ingericht.",
                detail: "rk=" + routeringsKenmerk, cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    /// <summary>Creates a LAS client for a school; the API key is shown once and stored only as a hash.</summary>
    /// <remarks>With a <paramref name="certificate"/> the client may also sign in with it (see <see cref="SetLasCertificateAsync"/>); a refused certificate creates nothing.</remarks>
    public async Task<(Guid Id, string ApiKey)> CreateLasClientAsync(string brin, string naam, X509Certificate2? certificate = null, CancellationToken cancellationToken = default)
    {
        var thumbprint = certificate is null ? null : UsableThumbprint(certificate);
        var key = "oso_" + brin.ToLowerInvariant() + "_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var id = Guid.NewGuid();
        await store.WriteAsync(async db =>
        {
            await RequireSchoolAsync(db, brin, cancellationToken).ConfigureAwait(false);
            var client = new LasClient { Id = id, Brin = brin, Naam = naam, KeyHash = LasAuthentication.Hash(key), CreatedAt = time.GetUtcNow() };
            db.LasClients.Add(client);
            await audit.RecordAsync(db, brin, Actor.Node, "las.gekoppeld", "Een LAS-installatie kreeg toegang tot de koppelvlak-API.", detail: "client=" + id,
                cancellationToken: cancellationToken).ConfigureAwait(false);
            if (thumbprint is not null) await AttachCertificateAsync(db, client, thumbprint, cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return (id, key);
    }

    /// <summary>A school's LAS clients, newest first (revoked ones included, marked as such).</summary>
    public async Task<IReadOnlyList<LasClientInfo>> LasClientsAsync(string brin, CancellationToken cancellationToken = default)
    {
        await using var db = store.Read();
        await RequireSchoolAsync(db, brin, cancellationToken).ConfigureAwait(false);
        var clients = await db.LasClients.AsNoTracking().Where(c => c.Brin == brin).ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. clients.OrderByDescending(c => c.CreatedAt).Select(c => new LasClientInfo(c.Id, c.Naam, c.CreatedAt, c.RevokedAt, c.CertificateThumbprint, c.WebhookUrl))];
    }

    /// <summary>
    /// Revokes a LAS client at once: its API key and certificate no longer open the API and its webhook is no longer
    /// called. False when it was already revoked; audited.
    /// </summary>
    public Task<bool> RevokeLasClientAsync(string brin, Guid clientId, CancellationToken cancellationToken = default) =>
        store.WriteAsync(async db =>
        {
            var client = await db.LasClients.FirstOrDefaultAsync(c => c.Id == clientId && c.Brin == brin, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"LAS-koppeling {clientId} van school {brin} bestaat niet.");
            if (client.RevokedAt is not null) return false;
            client.RevokedAt = time.GetUtcNow();
            await audit.RecordAsync(db, brin, Actor.Node, "las.ingetrokken", "De toegang van een LAS-installatie tot de koppelvlak-API is ingetrokken.",
                detail: "client=" + clientId, cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    /// <summary>
    /// Lets a LAS client also sign in with its client certificate (TLS, on the portal listener) instead of the API key;
    /// the certificate's SHA-256 thumbprint is kept. A certificate that has expired, is not yet valid or is registered
    /// for another client is refused; audited.
    /// </summary>
    public Task SetLasCertificateAsync(string brin, Guid clientId, X509Certificate2 certificate, CancellationToken cancellationToken = default)
    {
        var thumbprint = UsableThumbprint(certificate);
        return store.WriteAsync(async db =>
        {
            var client = await db.LasClients.FirstOrDefaultAsync(c => c.Id == clientId && c.Brin == brin, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"LAS-koppeling {clientId} van school {brin} bestaat niet.");
            if (client.RevokedAt is not null) throw new InvalidOperationException($"LAS-koppeling {clientId} is ingetrokken; maak een nieuwe aan.");
            await AttachCertificateAsync(db, client, thumbprint, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    private string UsableThumbprint(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var now = time.GetUtcNow().UtcDateTime;
        if (certificate.NotAfter.ToUniversalTime() <= now || certificate.NotBefore.ToUniversalTime() > now)
            throw new ArgumentException($"Het certificaat is nu niet geldig (geldig van {certificate.NotBefore:yyyy-MM-dd} tot {certificate.NotAfter:yyyy-MM-dd}).", nameof(certificate));
        return certificate.GetCertHashString(HashAlgorithmName.SHA256);
    }

    private async Task AttachCertificateAsync(SchoolDbContext db, LasClient client, string thumbprint, CancellationToken cancellationToken)
    {
        if (await db.LasClients.AnyAsync(c => c.CertificateThumbprint == thumbprint && c.Id != client.Id, cancellationToken).ConfigureAwait(false))
            throw new InvalidOperationException("Dit certificaat is al aan een andere LAS-koppeling gekoppeld.");
        client.CertificateThumbprint = thumbprint;
        await audit.RecordAsync(db, client.Brin, Actor.Node, "las.certificaat", "Een LAS-installatie mag zich ook met haar clientcertificaat aanmelden.",
            detail: "client=" + client.Id + " sha256=" + thumbprint, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sets (or clears) a LAS client's webhook.</summary>
    public Task SetWebhookAsync(string brin, Guid clientId, string? url, string? secret, CancellationToken cancellationToken = default) =>
        store.WriteAsync(async db =>
        {
            var client = await db.LasClients.FirstAsync(c => c.Id == clientId && c.Brin == brin, cancellationToken).ConfigureAwait(false);
            client.WebhookUrl = url;
            client.WebhookSecret = secret is null ? null : crypto.ProtectJson(brin, secret, ProtectedDossiers.Contexts.Webhook(clientId));
        }, cancellationToken);

    /// <summary>
    /// Checks the hash chain of each school's audit log (every school on the node when none is given): how many records
    /// it holds and the first record that was changed, removed or inserted, if any.
    /// </summary>
    public async Task<IReadOnlyList<AuditChainStatus>> VerifyAuditAsync(IReadOnlyCollection<string> brins, CancellationToken cancellationToken = default) =>
        await VerifyAuditAsync(brins, null, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// As <see cref="VerifyAuditAsync(IReadOnlyCollection{string}, CancellationToken)"/>, and — with <paramref name="anchors"/> — checks each chain
    /// against Central's acknowledgements too, so a chain rewritten as a whole is caught (docs/school.md §5).
    /// </summary>
    public async Task<IReadOnlyList<AuditChainStatus>> VerifyAuditAsync(IReadOnlyCollection<string> brins, AnchorVerification? anchors,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(brins);
        await using var db = store.Read();
        var known = await db.Tenants.AsNoTracking().OrderBy(t => t.Brin).Select(t => t.Brin).ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var brin in brins)
            if (!known.Contains(brin)) throw new InvalidOperationException($"School {brin} is niet bekend op deze node.");
        var result = new List<AuditChainStatus>();
        foreach (var brin in brins.Count > 0 ? [.. brins.Distinct().Order(StringComparer.Ordinal)] : known)
        {
            var broken = await AuditLog.VerifyAsync(db, brin, cancellationToken).ConfigureAwait(false);
            var count = await db.Audit.LongCountAsync(a => a.Brin == brin, cancellationToken).ConfigureAwait(false);
            AnchorStatus? anchored = null;
            if (anchors is not null)
            {
                var fromCentral = anchors.FromCentral is null ? null : await anchors.FromCentral(brin, cancellationToken).ConfigureAwait(false);
                anchored = await AuditAnchorCheck.VerifyAsync(db, brin, anchors.Validator, fromCentral, time.GetUtcNow() - anchors.AuditRetention, cancellationToken)
                    .ConfigureAwait(false);
            }
            result.Add(new AuditChainStatus(brin, count, broken, anchored));
        }
        return result;
    }

    /// <summary>
    /// A school's audit records, newest first: all of them, or those about one pupil (our internal id, as the portal
    /// shows it), from a moment on. For the privacy officer who must answer "who saw this child's data, and why".
    /// </summary>
    public async Task<IReadOnlyList<AuditEntry>> AuditTrailAsync(string brin, string? pupilRef, DateTimeOffset? since, int max,
        CancellationToken cancellationToken = default)
    {
        if (max is < 1 or > 100_000) throw new ArgumentException("Het maximum aantal regels ligt tussen 1 en 100.000.", nameof(max));
        await using var db = store.Read();
        await RequireSchoolAsync(db, brin, cancellationToken).ConfigureAwait(false);
        var query = db.Audit.AsNoTracking().Where(a => a.Brin == brin);
        if (pupilRef is not null) query = query.Where(a => a.PupilRef == pupilRef);
        if (since is { } from) query = query.Where(a => a.At >= from);
        return await query.OrderByDescending(a => a.Sequence).Take(max).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task RequireSchoolAsync(SchoolDbContext db, string brin, CancellationToken cancellationToken)
    {
        if (!await db.Tenants.AnyAsync(t => t.Brin == brin, cancellationToken).ConfigureAwait(false))
            throw new InvalidOperationException($"School {brin} is niet bekend op deze node.");
    }

    /// <summary>Records an event of the whole node (a backup, a key rotation) in every school's audit chain, in one transaction.</summary>
    public Task RecordNodeEventAsync(string action, string purpose, string? detail, CancellationToken cancellationToken = default) =>
        store.WriteAsync(async db =>
        {
            foreach (var brin in await db.Tenants.OrderBy(t => t.Brin).Select(t => t.Brin).ToListAsync(cancellationToken).ConfigureAwait(false))
                await audit.RecordAsync(db, brin, Actor.Node, action, purpose, detail: detail, cancellationToken: cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>The schools on this node.</summary>
    public async Task<IReadOnlyList<SchoolTenant>> SchoolsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = store.Read();
        return await db.Tenants.AsNoTracking().OrderBy(t => t.Brin).ToListAsync(cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>The state of one school's audit chain.</summary>
/// <param name="Brin">The school.</param>
/// <param name="Records">How many records the chain holds.</param>
/// <param name="FirstBroken">The sequence number of the first record that does not fit the chain, or null when it is intact.</param>
public sealed record AuditChainStatus(string Brin, long Records, long? FirstBroken, AnchorStatus? Anchors = null)
{
    /// <summary>True when every record is where it was written and unchanged (and, when checked, the anchors hold).</summary>
    public bool Intact => FirstBroken is null && Anchors?.Holds != false;
}

/// <summary>How <see cref="SchoolAdmin.VerifyAuditAsync(IReadOnlyCollection{string}, AnchorVerification, CancellationToken)"/> checks the anchors.</summary>
/// <param name="Validator">Trusts Central's server certificate (the node's trust anchors).</param>
/// <param name="AuditRetention">The audit retention period (<c>Retention:Audit</c>): anchors older than that may point at removed records.</param>
/// <param name="FromCentral">Fetches a school's acknowledgements from Central (<c>--central</c>), or null for the local ones only.</param>
public sealed record AnchorVerification(Oso.Protocol.Security.OsoCertificateValidator Validator, TimeSpan AuditRetention,
    Func<string, CancellationToken, Task<IReadOnlyList<byte[]>>>? FromCentral = null);

/// <summary>A LAS client as the operator sees it (never its key).</summary>
/// <param name="Id">The client id.</param>
/// <param name="Naam">Its name.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="RevokedAt">When it was revoked, or null.</param>
/// <param name="CertificateThumbprint">The SHA-256 thumbprint of its client certificate, if registered.</param>
/// <param name="WebhookUrl">Its webhook, if set.</param>
public sealed record LasClientInfo(Guid Id, string Naam, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt, string? CertificateThumbprint, string? WebhookUrl);
