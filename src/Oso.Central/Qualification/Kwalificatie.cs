using Oso.Central.Register;
using Oso.Central.TestSchool;

namespace Oso.Central.Qualification;

/// <summary>Where a school's qualification stands.</summary>
public enum KwalificatieStatus
{
    /// <summary>Not every checklist item is approved.</summary>
    NietGekwalificeerd,

    /// <summary>Qualified: may exchange.</summary>
    Gekwalificeerd,

    /// <summary>Qualified, but it expires within the reminder period: time to re-qualify.</summary>
    VerlooptBinnenkort,

    /// <summary>The qualification expired: the school must re-qualify (new evidence for the expired items).</summary>
    Verlopen,
}

/// <summary>Where one checklist item stands for a school.</summary>
public enum ItemStatus
{
    /// <summary>No evidence yet.</summary>
    Open,

    /// <summary>Evidence submitted, waiting for the operator.</summary>
    Ingediend,

    /// <summary>Approved and valid.</summary>
    Goedgekeurd,

    /// <summary>Approved, but the approval expires within the reminder period.</summary>
    VerlooptBinnenkort,

    /// <summary>The approval expired: submit new evidence.</summary>
    Verlopen,

    /// <summary>The last evidence was rejected (see the remark).</summary>
    Afgewezen,
}

/// <summary>One checklist item with its state for a school.</summary>
public sealed record ChecklistRegel(string Code, string Titel, string Uitleg, BewijsSoort Bewijs, ItemStatus Status,
    DateTimeOffset? GoedgekeurdOp, DateTimeOffset? GeldigTot, string? Opmerking, Guid? LaatsteBewijs);

/// <summary>A school's checklist and qualification.</summary>
public sealed record KwalificatieOverzicht(string Brin, KwalificatieStatus Status, DateTimeOffset? GekwalificeerdSinds,
    DateTimeOffset? GekwalificeerdTot, IReadOnlyList<ChecklistRegel> Checklist);

/// <summary>
/// The qualification rules: every checklist item needs approved evidence; an approval lasts
/// <see cref="Handboek.Geldigheid"/>; the school is qualified until its oldest approval expires, and reminded
/// <see cref="Handboek.Herinnering"/> before.
/// </summary>
internal static class Kwalificatie
{
    public static KwalificatieStatus StatusVan(School school, DateTimeOffset nu)
    {
        if (school.Brin == Testschool.Brin) return KwalificatieStatus.Gekwalificeerd;
        if (school.GekwalificeerdTot is not { } tot || school.GekwalificeerdSinds is null)
            return KwalificatieStatus.NietGekwalificeerd;
        if (tot <= nu) return KwalificatieStatus.Verlopen;
        return tot - Handboek.Herinnering <= nu ? KwalificatieStatus.VerlooptBinnenkort : KwalificatieStatus.Gekwalificeerd;
    }

    public static IReadOnlyList<ChecklistRegel> Checklist(IEnumerable<Bewijs> bewijzen, DateTimeOffset nu)
    {
        var perItem = bewijzen.GroupBy(b => b.ItemCode).ToDictionary(g => g.Key, g => g.OrderBy(b => b.IngediendOp).ToList());
        return Handboek.Items.Select(item =>
        {
            var lijst = perItem.GetValueOrDefault(item.Code) ?? [];
            var laatste = lijst.LastOrDefault();
            var goedkeuring = lijst.Where(b => b.Status == BewijsStatus.Goedgekeurd).MaxBy(b => b.BeoordeeldOp);
            var geldigTot = goedkeuring?.BeoordeeldOp + Handboek.Geldigheid;
            var status = laatste switch
            {
                null => ItemStatus.Open,
                { Status: BewijsStatus.Ingediend } => ItemStatus.Ingediend,
                _ when geldigTot is { } t && t > nu => t - Handboek.Herinnering <= nu ? ItemStatus.VerlooptBinnenkort : ItemStatus.Goedgekeurd,
                _ when geldigTot is not null => ItemStatus.Verlopen,
                { Status: BewijsStatus.Afgewezen } => ItemStatus.Afgewezen,
                _ => ItemStatus.Open,
            };
            return new ChecklistRegel(item.Code, item.Titel, item.Uitleg, item.Bewijs, status, goedkeuring?.BeoordeeldOp, geldigTot,
                laatste?.Opmerking, laatste?.Id);
        }).ToList();
    }

    /// <summary>Recomputes qualified-since/until after an approval or rejection.</summary>
    public static void Herbereken(School school, IEnumerable<Bewijs> bewijzen, DateTimeOffset nu)
    {
        var regels = Checklist(bewijzen, nu);
        if (regels.Any(r => r.GeldigTot is null))
        {
            school.GekwalificeerdSinds = null;
            school.GekwalificeerdTot = null;
            return;
        }
        var tot = regels.Min(r => r.GeldigTot!.Value);
        if (tot <= nu) return; // still expired: the school keeps its (expired) dates until every item is approved again
        var wasGekwalificeerd = school.GekwalificeerdSinds is not null && school.GekwalificeerdTot is { } oud && oud > nu;
        if (!wasGekwalificeerd) school.GekwalificeerdSinds = nu;
        school.GekwalificeerdTot = tot;
    }
}
