using Microsoft.EntityFrameworkCore;
using Oso.Central.Storage;
using Oso.Central.TestSchool;
using Oso.Protocol.Results;

namespace Oso.Central.Register;

/// <summary>A refusal with the specific Dutch reason (the trace adds who must act from the result table).</summary>
/// <param name="Code">The result code.</param>
/// <param name="Reden">What exactly was wrong, in Dutch, with ids (never pupil data).</param>
internal sealed record Weigering(ResultaatCode Code, string Reden)
{
    /// <summary>The trace text: the reason, then the result table's explanation of who must act.</summary>
    public string Toelichting => $"{Reden} {Code.Info().Toelichting}";
}

/// <summary>
/// The Register's rules for taking part in an exchange: a school must be known, active and qualified; a system
/// registered, active and qualified; and the school's board must have mandated the system for the school's BRIN.
/// </summary>
internal static class Deelnemers
{
    /// <summary>Null when the school may exchange now, else why not.</summary>
    public static Weigering? School(School? school, string brin, DateTimeOffset nu, ResultaatCode code)
    {
        if (school is null) return new(code, $"School {brin} is niet bekend in het OSO-register.");
        if (school.Deelname == Deelname.Ingetrokken)
            return new(code, $"De deelname van school {brin} ({school.Naam}) aan OSO is ingetrokken{Reden(school.IngetrokkenReden)}.");
        if (school.Brin == Testschool.Brin) return null;
        if (school.GekwalificeerdSinds is null || school.GekwalificeerdTot is null)
            return new(code, $"School {brin} ({school.Naam}) is nog niet gekwalificeerd voor OSO.");
        if (school.GekwalificeerdTot <= nu)
            return new(code, $"De kwalificatie van school {brin} ({school.Naam}) is verlopen op {school.GekwalificeerdTot:yyyy-MM-dd}.");
        return null;
    }

    /// <summary>Null when the system may exchange now, else why not (always <see cref="ResultaatCode.NietGekwalificeerd"/>).</summary>
    public static Weigering? Systeem(Systeem? systeem, string id, bool kwalificatieNodig = true)
    {
        if (systeem is null) return new(ResultaatCode.NietGekwalificeerd, $"Het systeem '{id}' is niet geregistreerd in het OSO-register.");
        if (systeem.Deelname == Deelname.Ingetrokken)
            return new(ResultaatCode.NietGekwalificeerd, $"De deelname van systeem '{id}' aan OSO is ingetrokken{Reden(systeem.IngetrokkenReden)}.");
        if (kwalificatieNodig && systeem.GekwalificeerdSinds is null)
            return new(ResultaatCode.NietGekwalificeerd,
                $"Het systeem '{id}' is nog niet gekwalificeerd (een geslaagde testuitwisseling met testschool {Testschool.Brin} ontbreekt).");
        return null;
    }

    /// <summary>True when the school's board has mandated <paramref name="systeemId"/> for <paramref name="brin"/> on <paramref name="dag"/>.</summary>
    public static Task<bool> HeeftMandaatAsync(CentralDb db, School school, string systeemId, DateOnly dag, CancellationToken ct) =>
        db.Mandaten.AnyAsync(m => m.Brin == school.Brin && m.SysteemId == systeemId && m.BestuurId == school.BestuurId
            && m.Van <= dag && (m.Tot == null || m.Tot >= dag), ct);

    /// <summary>The mandate check as a refusal, from the Traffic Center's register look-ups.</summary>
    public static async Task<Weigering?> MandaatAsync(RegisterLookup reg, School school, string systeemId, DateOnly dag, CancellationToken ct) =>
        school.Brin == Testschool.Brin || await reg.HeeftMandaatAsync(school, systeemId, dag, ct)
            ? null
            : GeenMandaat(school, systeemId, dag);

    private static Weigering GeenMandaat(School school, string systeemId, DateOnly dag) => new(ResultaatCode.GeenMandaat,
        $"Bestuur {school.BestuurId} heeft systeem '{systeemId}' op {dag:yyyy-MM-dd} geen (geldig) mandaat gegeven voor school {school.Brin} ({school.Naam}).");

    private static string Reden(string? reden) => string.IsNullOrWhiteSpace(reden) ? "" : $" ({reden})";
}
