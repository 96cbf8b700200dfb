using System.Diagnostics;
using System.Text.Json;

namespace Oso.Testing.Mutations;

/// <summary>What the official stylesheet made of one file.</summary>
/// <param name="File">The file.</param>
/// <param name="Profile">The stylesheet the official tool chose: <c>OV</c> or <c>PaO</c>.</param>
/// <param name="Aborted">True when the processor stopped with a dynamic error (the tool then reports one "XSLT error" Fout).</param>
/// <param name="Rules">The meldingen (empty when aborted).</param>
public sealed record XsltOutcome(string File, string Profile, bool Aborted, IReadOnlyList<OfficialMelding> Rules);

/// <summary>
/// Runs the official business-rule stylesheets over many files with one JVM per stylesheet. The official tool
/// re-runs every file on which the processor aborts in a JVM of its own, to quote Saxon's message; with a few
/// percent of aborting variants that makes thousands of variants take many minutes. This runner loads the
/// tool itself as a Python module and uses its own <c>profile()</c>, stylesheet paths and output parser, so
/// the verdicts are the tool's — only an abort is reported as such instead of with Saxon's text.
/// The XSD half is not run (the rules are compared here; the structural validator has its own tests).
/// </summary>
public static class XsltBatch
{
    private const string Script = """
        import sys, os, json, tempfile, subprocess, importlib.util, importlib.machinery
        loader = importlib.machinery.SourceFileLoader("oso_official_validate", sys.argv[1])
        spec = importlib.util.spec_from_loader(loader.name, loader)
        tool = importlib.util.module_from_spec(spec)
        loader.exec_module(tool)
        files = [l for l in sys.stdin.read().split("\n") if l]
        groups = {}
        for f in files:
            groups.setdefault(tool.profile(f), []).append(f)
        for prof, fs in groups.items():
            with tempfile.TemporaryDirectory() as src, tempfile.TemporaryDirectory() as dst:
                names = {}
                for i, f in enumerate(fs):
                    n = f"{i:06d}.xml"
                    os.symlink(os.path.abspath(f), os.path.join(src, n))
                    names[n] = f
                subprocess.run(["java", "-jar", tool.SAXON, f"-s:{src}", f"-xsl:{tool.XSL[prof]}", f"-o:{dst}"], capture_output=True, text=True)
                for n, f in names.items():
                    r = tool._parse(os.path.join(dst, n))
                    print(json.dumps({"file": f, "profile": prof, "aborted": r is None, "rules": r or []}, ensure_ascii=False))
        """;

    /// <summary>Runs the stylesheets over the files (two JVM starts at most).</summary>
    public static async Task<IReadOnlyList<XsltOutcome>> RunAsync(IReadOnlyList<string> files, CancellationToken ct = default)
    {
        var tool = OfficialValidator.ToolPath;
        var psi = new ProcessStartInfo("python3")
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(Script);
        psi.ArgumentList.Add(tool);
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.StandardInput.WriteAsync(string.Join("\n", files.Select(Path.GetFullPath)));
        process.StandardInput.Close();
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0) throw new InvalidOperationException("The official stylesheet batch failed: " + await stderr);
        var outcomes = new List<XsltOutcome>();
        foreach (var line in (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            outcomes.Add(new XsltOutcome(
                root.GetProperty("file").GetString()!,
                root.GetProperty("profile").GetString()!,
                root.GetProperty("aborted").GetBoolean(),
                [.. root.GetProperty("rules").EnumerateArray().Select(e => new OfficialMelding(
                    e.GetProperty("type").GetString() ?? "", e.GetProperty("locatie").GetString() ?? "", e.GetProperty("tekst").GetString() ?? ""))]));
        }
        return outcomes;
    }
}
