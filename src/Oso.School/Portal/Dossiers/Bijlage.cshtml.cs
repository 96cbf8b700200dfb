using Microsoft.EntityFrameworkCore;
using Oso.School.Audit;
using Oso.School.Crypto;
using Oso.School.Storage;
using static Oso.School.Crypto.ProtectedDossiers;

namespace Oso.School.Portal.Dossiers;

/// <summary>An attachment of a pupil's dossier as bron (the draft, as the pupil's page shows it).</summary>
public sealed class BijlageModel(SchoolStore store, ProtectedDossiers crypto, AuditLog audit) : BijlagePageModel(store, audit)
{
    private readonly SchoolStore _store = store;

    /// <inheritdoc />
    public override string Terug => $"/scholen/{Brin}/dossiers/{Id}#weergave";

    /// <inheritdoc />
    protected override async Task<(Dossier.Model.Dossier Dossier, string PupilRef)?> LoadAsync(CancellationToken cancellationToken)
    {
        await using var db = _store.Read();
        if (!await db.Pupils.AnyAsync(p => p.Id == Id && p.Brin == Brin, cancellationToken)) return null;
        var draft = await db.Drafts.AsNoTracking().FirstOrDefaultAsync(d => d.PupilId == Id, cancellationToken);
        return draft is null ? null : (crypto.Dossier(Brin, draft.Xml, Contexts.Draft(Id)), Id.ToString());
    }
}
