using Microsoft.AspNetCore.Mvc;
using Oso.Central.Register;
using Oso.Central.TestSchool;

namespace Oso.Central.Portal.Leverancier;

/// <summary>A supplier's system: its qualification (the test exchange with test school 00YY), aanleverpunten, certificates and mandates.</summary>
[Voor(Toegang.Leverancier)]
internal sealed class IndexModel : PortaalPagina
{
    public SysteemInfo Systeem { get; private set; } = null!;

    public IReadOnlyList<SessieInfo> Testuitwisselingen { get; private set; } = [];

    public IReadOnlyList<AanleverpuntInfo> Aanleverpunten { get; private set; } = [];

    public IReadOnlyList<CertificaatInfo> Certificaten { get; private set; } = [];

    public IReadOnlyList<MandaatInfo> Mandaten { get; private set; } = [];

    public DateTimeOffset Moment { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var systeem = await Admin.SystemAsync(Scope, Ct);
        if (!systeem.Gelukt) return NietGevonden(systeem.Fout.Tekst);
        Systeem = systeem.Waarde!;
        Testuitwisselingen = (await Admin.SessionsAsync(Testschool.Brin, Scope, 20, Ct)).Where(s => s.BronBrin == Testschool.Brin).ToList();
        Aanleverpunten = await Admin.EndpointsAsync(null, Scope, Ct);
        Certificaten = await Admin.CertificatesAsync(Scope, Ct);
        Mandaten = await Admin.MandatesAsync(null, null, Scope, Ct);
        Moment = Nu;
        return Page();
    }

    public string CertificaatStatus(CertificaatInfo c) =>
        c.IngetrokkenOp is { } op ? $"Ingetrokken op {Teksten.Datum(op)}{(c.IngetrokkenReden is null ? "" : ": " + c.IngetrokkenReden)}"
        : c.GeldigTot <= Moment ? "Verlopen"
        : c.GeldigVan > Moment ? "Nog niet geldig"
        : c.GeldigTot - Moment < TimeSpan.FromDays(30) ? "Geldig, verloopt binnen 30 dagen"
        : "Geldig";
}
