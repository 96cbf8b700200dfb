using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Oso.Testing;

/// <summary>xmllint's verdict on a document: valid, or its errors with their lines.</summary>
public sealed record XmllintVerdict(bool Valid, IReadOnlyList<(int Line, string Message)> Errors)
{
    public override string ToString() =>
        Valid ? "valid" : $"invalid, {Errors.Count} errors: " + string.Join(" | ", Errors.Take(3).Select(e => $"({e.Line}) {e.Message}"));
}

/// <summary>
/// <c>xmllint --schema</c> with the official XSD: the structural half of the official validator
/// (../shared/tools/oso-official-validate), called directly for one document. A referee where .NET's XmlSchemaSet
/// departs from the XML Schema standard.
/// </summary>
public static partial class Xmllint
{
    /// <summary>True when xmllint is on the PATH.</summary>
    public static bool Available { get; } = OfficialValidator.OnPath("xmllint");

    /// <summary>Validates a document against the official XSD.</summary>
    public static XmllintVerdict Validate(byte[] document) => Run(document, "--noout", "--nonet", "--schema", StandardFiles.Xsd, "-");

    /// <summary>Validates a document against the schema at <paramref name="schemaPath"/> (its imports resolved next to it, offline).</summary>
    public static XmllintVerdict ValidateAgainst(byte[] document, string schemaPath) => Run(document, "--noout", "--nonet", "--schema", schemaPath, "-");

    /// <summary>True when xmllint calls the document well-formed XML (no schema).</summary>
    public static bool WellFormed(byte[] document) => Run(document, "--noout", "--nonet", "-").Valid;

    private static XmllintVerdict Run(byte[] document, params string[] arguments)
    {
        var psi = new ProcessStartInfo("xmllint")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments) psi.ArgumentList.Add(a);
        using var process = Process.Start(psi)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        process.StandardInput.BaseStream.Write(document);
        process.StandardInput.Close();
        process.WaitForExit();
        var errors = new List<(int, string)>();
        foreach (var line in stderr.Result.Split('\n'))
            if (ErrorLine().Match(line) is { Success: true } m)
                errors.Add((int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), m.Groups[2].Value));
        _ = stdout.Result;
        var valid = process.ExitCode == 0;
        if (!valid && errors.Count == 0) errors.Add((0, stderr.Result.Trim()));
        return new XmllintVerdict(valid, errors);
    }

    [GeneratedRegex(@"^-:(\d+): (.*)$")]
    private static partial Regex ErrorLine();
}
