using System.Diagnostics;
using Oso.Fuzz;
using Oso.Fuzz.Targets;
using SharpFuzz;

// Usage:
//   Oso.Fuzz TARGET                      run under afl-fuzz (fuzz/run.sh does this); outside afl: one input from stdin
//   Oso.Fuzz TARGET --seeds DIR STANDARD write the seed corpus (STANDARD: ../shared/standard)
//   Oso.Fuzz TARGET --replay FILE...     run inputs in process: the outcome of each, exit 1 when one crashes
//   Oso.Fuzz --list                      the targets
FuzzTarget[] targets =
[
    new DossierTarget(), new DossierReadersTarget(), new SoapTarget(), new LasJsonTarget(), new ParentsFormTarget(), new EvidenceUploadTarget(),
];

if (args.Length == 0 || args[0] == "--list")
{
    foreach (var t in targets) Console.WriteLine($"{t.Name,-16} {t.Description} (dictionary: {t.Dictionary})");
    return args.Length == 0 ? 2 : 0;
}
var target = targets.FirstOrDefault(t => t.Name == args[0]);
if (target is null)
{
    Console.Error.WriteLine($"Onbekend fuzz-doel '{args[0]}'. Kies uit: {string.Join(", ", targets.Select(t => t.Name))}.");
    return 2;
}

switch (args.ElementAtOrDefault(1))
{
    case "--seeds":
        var directory = Directory.CreateDirectory(args[2]);
        var count = 0;
        foreach (var (name, bytes) in target.Seeds(new SeedSources(args.ElementAtOrDefault(3), FindRepository())))
        {
            File.WriteAllBytes(Path.Combine(directory.FullName, name), bytes);
            count++;
        }
        Console.WriteLine($"{count} seeds in {directory.FullName}");
        return count > 0 ? 0 : 1;
    case "--replay":
        var crashed = 0;
        foreach (var file in args.Skip(2).SelectMany(a => Directory.Exists(a) ? Directory.EnumerateFiles(a).Order(StringComparer.Ordinal) : (IEnumerable<string>)[a]))
        {
            var input = File.ReadAllBytes(file);
            var clock = Stopwatch.StartNew();
            try
            {
                target.Run(input);
                Console.WriteLine($"ok      {clock.ElapsedMilliseconds,6} ms  {file}");
            }
            catch (Exception ex)
            {
                crashed++;
                Console.WriteLine($"CRASH   {clock.ElapsedMilliseconds,6} ms  {file}\n{ex}");
            }
        }
        return crashed == 0 ? 0 : 1;
    default:
        Fuzzer.OutOfProcess.Run(stream =>
        {
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            target.Run(buffer.ToArray());
        });
        return 0;
}

static string FindRepository()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "OpenOso.slnx"))) return dir.FullName;
    return Directory.GetCurrentDirectory();
}
