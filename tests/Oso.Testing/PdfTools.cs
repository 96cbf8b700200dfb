using System.Diagnostics;
using Xunit;

namespace Oso.Testing;

/// <summary>
/// Reads a PDF with poppler (pdftotext, pdfinfo, pdffonts; Debian poppler-utils, which test.sh installs): what a
/// reader's software would see of it. Without poppler a test fails with the package to install.
/// </summary>
public static class PdfTools
{
    /// <summary>The text in content-stream order (<c>pdftotext -raw</c>): what is read aloud and copied.</summary>
    public static string Text(byte[] pdf) => Run("pdftotext", ["-raw", "-enc", "UTF-8", "{pdf}", "-"], pdf);

    /// <summary><c>pdfinfo</c>'s fields (Title, Tagged, Pages, …).</summary>
    public static IReadOnlyDictionary<string, string> Info(byte[] pdf) =>
        Run("pdfinfo", ["{pdf}"], pdf).Split('\n').Where(l => l.Contains(':', StringComparison.Ordinal))
            .Select(l => (Key: l[..l.IndexOf(':', StringComparison.Ordinal)].Trim(), Value: l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim()))
            .GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.First().Value);

    /// <summary><c>pdffonts</c>: one line per font (name, type, encoding, emb, sub, uni).</summary>
    public static IReadOnlyList<string> Fonts(byte[] pdf) =>
        Run("pdffonts", ["{pdf}"], pdf).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(2).ToList();

    /// <summary>Text without any white space, to find a value that a line break split.</summary>
    public static string Squeeze(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    private static string Run(string tool, string[] args, byte[] pdf)
    {
        var path = Path.Combine(Path.GetTempPath(), $"oso-pdf-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(path, pdf);
        try
        {
            var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in args) start.ArgumentList.Add(a == "{pdf}" ? path : a);
            Process process;
            try
            {
                process = Process.Start(start)!;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                Assert.Fail($"{tool} is missing: install poppler-utils (./test.sh does).");
                throw;
            }
            using (process)
            {
                var output = process.StandardOutput.ReadToEnd();
                var error = process.StandardError.ReadToEnd();
                process.WaitForExit();
                Assert.True(process.ExitCode == 0, $"{tool} could not read the PDF: {error}");
                return output;
            }
        }
        finally
        {
            File.Delete(path);
        }
    }
}
