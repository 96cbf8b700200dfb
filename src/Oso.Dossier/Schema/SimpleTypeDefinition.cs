using System.Globalization;
using System.Text.RegularExpressions;

namespace Oso.Dossier.Schema;

/// <summary>The XML Schema built-in types the gegevensset derives from.</summary>
public enum BuiltInType
{
    /// <summary>xs:string (whitespace preserved).</summary>
    String,
    /// <summary>xs:boolean: true, false, 1, 0.</summary>
    Boolean,
    /// <summary>xs:date: yyyy-mm-dd with an optional time zone.</summary>
    Date,
    /// <summary>xs:integer: any number of digits.</summary>
    Integer,
    /// <summary>xs:int: a 32-bit integer.</summary>
    Int,
    /// <summary>xs:decimal.</summary>
    Decimal,
}

/// <summary>Why a value does not fit its simple type.</summary>
public enum SimpleValueProblem
{
    /// <summary>The value fits.</summary>
    None,
    /// <summary>Not a lexical value of the built-in type (e.g. not a date).</summary>
    Lexical,
    /// <summary>Shorter than minLength.</summary>
    TooShort,
    /// <summary>Longer than maxLength.</summary>
    TooLong,
    /// <summary>Does not match the pattern.</summary>
    Pattern,
    /// <summary>Below minInclusive (or out of xs:int's range).</summary>
    TooSmall,
    /// <summary>Above maxInclusive (or out of xs:int's range).</summary>
    TooLarge,
    /// <summary>An xs:decimal or xs:integer with more digits than the official validator takes (<see cref="XmlValues.MaxDigits"/>).</summary>
    TooManyDigits,
}

/// <summary>
/// A simple type of the schema: a built-in base with the facets the gegevensset uses (length, pattern,
/// inclusive range). Facets of a restriction chain are flattened into one definition.
/// </summary>
public sealed class SimpleTypeDefinition
{
    private readonly Regex? _pattern;

    /// <summary>Defines a simple type.</summary>
    public SimpleTypeDefinition(string name, BuiltInType builtIn, int? minLength = null, int? maxLength = null,
        string? pattern = null, long? minInclusive = null, long? maxInclusive = null)
    {
        Name = name;
        BuiltIn = builtIn;
        MinLength = minLength;
        MaxLength = maxLength;
        Pattern = pattern;
        MinInclusive = minInclusive;
        MaxInclusive = maxInclusive;
        if (pattern is not null)
            // interpreted: compiling the schema's patterns to IL cost ~25 ms at every start, more than they ever save
            _pattern = new Regex("^(?:" + pattern + @")\z", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    /// <summary>The type's name in the schema (an anonymous type is named after its element).</summary>
    public string Name { get; }

    /// <summary>The built-in base type.</summary>
    public BuiltInType BuiltIn { get; }

    /// <summary>minLength facet, in characters.</summary>
    public int? MinLength { get; }

    /// <summary>maxLength facet, in characters.</summary>
    public int? MaxLength { get; }

    /// <summary>pattern facet (XML Schema regular expression).</summary>
    public string? Pattern { get; }

    /// <summary>minInclusive facet.</summary>
    public long? MinInclusive { get; }

    /// <summary>maxInclusive facet.</summary>
    public long? MaxInclusive { get; }

    /// <summary>Checks a value as it appears in the document.</summary>
    public SimpleValueProblem Check(string value)
    {
        if (BuiltIn == BuiltInType.String)
        {
            if (_pattern is null && MaxLength is null && value.Length >= (MinLength ?? 0)) return SimpleValueProblem.None; // the common nonEmptyString case
            // a string of n UTF-16 units holds between n/2 and n code points: count only when that matters
            if (MinLength is { } min && value.Length / 2 < min && CodePoints(value) < min) return SimpleValueProblem.TooShort;
            if (MaxLength is { } max && value.Length > max && CodePoints(value) > max) return SimpleValueProblem.TooLong;
            if (_pattern is not null && !_pattern.IsMatch(value)) return SimpleValueProblem.Pattern;
            return SimpleValueProblem.None;
        }

        var collapsed = XmlValues.Collapse(value);
        switch (BuiltIn)
        {
            case BuiltInType.Boolean:
                if (!XmlValues.TryParseBoolean(collapsed, out _)) return SimpleValueProblem.Lexical;
                break;
            case BuiltInType.Date:
                if (!XmlValues.TryParseDate(collapsed, out _)) return SimpleValueProblem.Lexical;
                break;
            case BuiltInType.Decimal:
                if (!XmlValues.IsDecimal(collapsed)) return SimpleValueProblem.Lexical;
                if (!XmlValues.FitsDigitLimit(collapsed)) return SimpleValueProblem.TooManyDigits;
                break;
            case BuiltInType.Integer:
            case BuiltInType.Int:
                if (!XmlValues.IsInteger(collapsed)) return SimpleValueProblem.Lexical;
                var problem = CheckRange(collapsed);
                if (problem != SimpleValueProblem.None) return problem;
                if (!XmlValues.FitsDigitLimit(collapsed)) return SimpleValueProblem.TooManyDigits;
                break;
        }
        if (_pattern is not null && !_pattern.IsMatch(collapsed)) return SimpleValueProblem.Pattern;
        return SimpleValueProblem.None;
    }

    /// <summary>Checks the length of a value known to be ASCII (an attachment's base64 text) without materialising it.</summary>
    public SimpleValueProblem CheckAsciiLength(long length)
    {
        if (BuiltIn != BuiltInType.String || Pattern is not null) throw new InvalidOperationException("Only for string types without a pattern.");
        if (length < MinLength) return SimpleValueProblem.TooShort;
        if (length > MaxLength) return SimpleValueProblem.TooLong;
        return SimpleValueProblem.None;
    }

    private SimpleValueProblem CheckRange(string integer)
    {
        long? min = MinInclusive, max = MaxInclusive;
        if (BuiltIn == BuiltInType.Int)
        {
            min = Math.Max(min ?? int.MinValue, int.MinValue);
            max = Math.Min(max ?? int.MaxValue, int.MaxValue);
        }
        if (min is null && max is null) return SimpleValueProblem.None;
        // beyond long's range the sign decides
        if (!long.TryParse(integer, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v))
            return integer.StartsWith('-') ? SimpleValueProblem.TooSmall : SimpleValueProblem.TooLarge;
        if (v < min) return SimpleValueProblem.TooSmall;
        if (v > max) return SimpleValueProblem.TooLarge;
        return SimpleValueProblem.None;
    }

    /// <summary>Length in characters as XML Schema counts them (Unicode code points, not UTF-16 units).</summary>
    internal static int CodePoints(string value)
    {
        var n = value.Length;
        foreach (var c in value)
            if (char.IsLowSurrogate(c)) n--;
        return n;
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
