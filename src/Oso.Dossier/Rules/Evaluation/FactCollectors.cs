using Oso.Dossier.Rules.Xpath;
using Oso.Dossier.Xml;

namespace Oso.Dossier.Rules.Evaluation;

/// <summary>
/// Gathers <see cref="DocumentFacts"/> during the walk, one method per global variable or <c>//</c> path
/// of the official stylesheets. Each is called for <c>od:</c> elements of its local name.
/// </summary>
internal static class FactCollectors
{
    /// <summary><c>$typeDocument := //od:overdrachtsoort/text()</c>.</summary>
    public static void Overdrachtsoort(XmlElementNode e, RuleRun run)
    {
        var facts = run.Facts;
        foreach (var t in e.TextNodes)
        {
            switch (t)
            {
                case "overstapdossier": facts.IsOverstapdossier = true; break;
                case "overdrachtbinnenbrin": facts.IsBinnenBrin = true; break;
                case "swv-dossier": facts.IsSwvDossier = true; break;
            }
        }
    }

    /// <summary><c>$typeOverstap := /descendant-or-self::*/od:metadata/od:overstap/text()</c> (a metadata document element does not count).</summary>
    public static void Overstap(XmlElementNode e, RuleRun run)
    {
        if (!Od.Is(e.Parent, "metadata") || e.Parent!.Parent is null) return;
        foreach (var t in e.TextNodes)
        {
            run.Facts.Overstap |= t switch
            {
                "POPO" => OverstapFlags.Popo,
                "POVO" => OverstapFlags.Povo,
                "VOVO" => OverstapFlags.Vovo,
                "POSWV" => OverstapFlags.Poswv,
                "VOSWV" => OverstapFlags.Voswv,
                _ => OverstapFlags.None,
            };
        }
    }

    /// <summary><c>$dossierdeel := //od:metadata/od:deeldossier/text()</c>, also code list 33.</summary>
    public static void Deeldossier(XmlElementNode e, RuleRun run)
    {
        if (!Od.Is(e.Parent, "metadata")) return;
        foreach (var t in e.TextNodes)
        {
            run.Facts.Deeldossier |= t switch
            {
                "LAS" => DeeldossierFlags.Las,
                "LVS" => DeeldossierFlags.Lvs,
                "LASLVS" => DeeldossierFlags.LasLvs,
                "TIB" => DeeldossierFlags.Tib,
                _ => DeeldossierFlags.None,
            };
        }
    }

    /// <summary><c>$soortSchool := //od:huidigeschool/od:soort/text()</c>.</summary>
    public static void Soort(XmlElementNode e, RuleRun run)
    {
        if (!Od.Is(e.Parent, "huidigeschool")) return;
        foreach (var t in e.TextNodes)
            if (t == "SO") run.Facts.SoortSchoolSo = true;
    }

    /// <summary><c>//od:metadata/od:datum</c> (OVa.TR04's document date).</summary>
    public static void Datum(XmlElementNode e, RuleRun run)
    {
        if (Od.Is(e.Parent, "metadata")) run.Facts.MetadataDatums.Add(e);
    }

    /// <summary><c>//od:inzage/od:inzage</c> (OVa.IZ02) and <c>//od:dossier/od:inzage</c> (OVa.IZ01).</summary>
    public static void Inzage(XmlElementNode e, RuleRun run)
    {
        if (Od.Is(e.Parent, "inzage")) run.Facts.InzageInzages.Add(e);
        else if (Od.Is(e.Parent, "dossier")) run.Facts.DossierHasInzage = true;
    }
}
