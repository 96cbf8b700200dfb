namespace Oso.Dossier.Rules.Evaluation;

/// <summary>The category values the OS.cat rules test.</summary>
[Flags]
internal enum CategoryValue : byte
{
    None = 0,
    Verplicht = 1,
    Verboden = 2,
    OptUit = 4,
}

/// <summary>Per category the values found (several <c>cat_*</c> elements may disagree) and the blocks present.</summary>
internal sealed class CategoryFacts
{
    private readonly CategoryValue[] _values = new CategoryValue[16];

    /// <summary>One bit per tested block.</summary>
    public ulong Present { get; set; }

    public bool IsPresent(int bit) => (Present & (1UL << bit)) != 0;

    public bool Has(int category, CategoryValue value) => (_values[category] & value) != 0;

    public void AddValue(int category, string value) => _values[category] |= value switch
    {
        "VERPLICHT" => CategoryValue.Verplicht,
        "VERBODEN" => CategoryValue.Verboden,
        "OPT-UIT" => CategoryValue.OptUit,
        _ => CategoryValue.None,
    };
}
