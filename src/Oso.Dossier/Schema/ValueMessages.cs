using System.Globalization;

namespace Oso.Dossier.Schema;

/// <summary>Dutch messages for a value that does not fit its simple type.</summary>
internal static class ValueMessages
{
    private static readonly CultureInfo Dutch = CultureInfo.InvariantCulture;

    public static string Describe(SimpleValueProblem problem, SimpleTypeDefinition type, string what, string value)
    {
        var shown = Show(value);
        return problem switch
        {
            SimpleValueProblem.Lexical => type.BuiltIn switch
            {
                BuiltInType.Date => $"De waarde {shown} van {what} is geen geldige datum (jjjj-mm-dd).",
                BuiltInType.Boolean => $"De waarde {shown} van {what} is geen ja/nee-waarde (true, false, 1 of 0).",
                BuiltInType.Integer => $"De waarde {shown} van {what} is geen geheel getal.",
                BuiltInType.Int => $"De waarde {shown} van {what} is geen geheel getal.",
                BuiltInType.Decimal => $"De waarde {shown} van {what} is geen getal.",
                _ => $"De waarde {shown} van {what} is ongeldig.",
            },
            SimpleValueProblem.TooShort => type.MinLength == 1
                ? $"{Capital(what)} mag niet leeg zijn."
                : $"De waarde van {what} is korter dan {type.MinLength} tekens.",
            SimpleValueProblem.TooLong => $"De waarde van {what} is langer dan {type.MaxLength} tekens ({SimpleTypeDefinition.CodePoints(value)}).",
            SimpleValueProblem.Pattern => $"De waarde {shown} van {what} heeft niet de vorm {PatternHint(type)}.",
            SimpleValueProblem.TooSmall => type.MinInclusive is { } min
                ? $"De waarde {shown} van {what} is kleiner dan {min.ToString(Dutch)}."
                : $"De waarde {shown} van {what} is te klein.",
            SimpleValueProblem.TooLarge => type.MaxInclusive is { } max
                ? $"De waarde {shown} van {what} is groter dan {max.ToString(Dutch)}."
                : $"De waarde {shown} van {what} is te groot.",
            SimpleValueProblem.TooManyDigits =>
                $"De waarde {shown} van {what} heeft te veel cijfers: de officiële validatie neemt er hoogstens {XmlValues.MaxDigits} (voorloopnullen niet meegeteld).",
            _ => $"De waarde {shown} van {what} is ongeldig.",
        };
    }

    private static string PatternHint(SimpleTypeDefinition type) => type.Name switch
    {
        "brincodeType" => "van een BRIN-code (twee cijfers en twee hoofdletters, bijvoorbeeld 00YY)",
        "vestigingscodeType" => "van een vestigingscode (twee cijfers)",
        "schooljaarType" => "van een schooljaar (jjjj-jjjj)",
        "elementcodeType" => "van een elementcode (vier cijfers)",
        "einddatumType" => "van een einddatum op 31 juli (jjjj-07-31)",
        "geboortemaandType" => "van een maand (jjjj-mm)",
        _ => type.Pattern ?? "",
    };

    private static string Show(string value)
    {
        var shown = Rules.Xpath.XsText.Quote(value);
        return "'" + shown.Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal) + "'";
    }

    private static string Capital(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
