using Microsoft.EntityFrameworkCore;
using Oso.Dossier;
using Oso.School.Audit;
using Oso.School.Crypto;
using Oso.School.Portal.Dossiers;
using Oso.School.Storage;
using static Oso.School.Crypto.ProtectedDossiers;

namespace Oso.School.Portal.Doel;

/// <summary>An attachment of a dossier the school received as doel.</summary>
public sealed class OntvangenBijlageModel(SchoolStore store, ProtectedDossiers crypto, AuditLog audit) : BijlagePageModel(store, audit)
{
    private readonly SchoolStore _store = store;

    /// <inheritdoc />
    public override string Terug => $"/scholen/{Brin}/ontvangen/{Id}";

    /// <inheritdoc />
    protected override async Task<(Dossier.Model.Dossier Dossier, string PupilRef)?> LoadAsync(CancellationToken cancellationToken)
    {
        await using var db = _store.Read();
        var received = await db.ReceivedDossiers.AsNoTracking().FirstOrDefaultAsync(d => d.Id == Id && d.Brin == Brin, cancellationToken);
        if (received is null) return null;
        using var xml = crypto.ReceivedXml(_store, received);
        var dossier = DossierReader.Read(xml, cancellationToken: cancellationToken).Dossier;
        return dossier is null ? null : (dossier, received.AanmeldingId.ToString());
    }
}
