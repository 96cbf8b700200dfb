namespace Oso.Synthetic.Composition;

/// <summary>
/// School years and ages relative to the reference date (the dossier's <c>metadata/datum</c>). A school year runs
/// from 1 August to 31 July; it is named by the year it starts in.
/// </summary>
internal sealed class Timeline(DateOnly reference)
{
    public DateOnly Reference { get; } = reference;

    /// <summary>The school year the reference date lies in.</summary>
    public int SchoolYear { get; } = reference.Month >= 8 ? reference.Year : reference.Year - 1;

    public static DateOnly YearStart(int schoolYear) => new(schoolYear, 8, 1);

    public static DateOnly YearEnd(int schoolYear) => new(schoolYear + 1, 7, 31);

    public static string YearName(int schoolYear) => $"{schoolYear}-{schoolYear + 1}";

    /// <summary>
    /// The oldest test date a POVO dossier may hold (business rule OVa.TR04): 1 August of the school year two before
    /// the current one, so tests of the current and the two previous school years.
    /// </summary>
    public DateOnly TestWindowStart => YearStart(SchoolYear - 2);

    /// <summary>
    /// Birth dates of a primary pupil in group <paramref name="group"/> now: children start group 3 in the school
    /// year they turn six before 1 October, so group 8 is the year they turn twelve.
    /// </summary>
    public (DateOnly From, DateOnly To) PrimaryBirthRange(int group) =>
        (new DateOnly(SchoolYear - group - 4, 10, 1), new DateOnly(SchoolYear - group - 3, 9, 30));

    /// <summary>Birth dates of a secondary pupil in leerjaar <paramref name="leerjaar"/> now (group 8 was <paramref name="leerjaar"/> years ago).</summary>
    public (DateOnly From, DateOnly To) SecondaryBirthRange(int leerjaar) => PrimaryBirthRange(8 + leerjaar);

    /// <summary>Primary pupils start the day after their fourth birthday.</summary>
    public static DateOnly PrimaryEntry(DateOnly birth) => birth.AddYears(4).AddDays(1);

    public static int SchoolYearOf(DateOnly date) => date.Month >= 8 ? date.Year : date.Year - 1;
}
