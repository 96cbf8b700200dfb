using System.Diagnostics;
using Oso.Fuzz;
using Oso.Fuzz.Targets;
using SharpFuzz;

// Usage:
//   Oso.Fuzz TARGET                      run under afl-fuzz (fuzz/run.sh does this); outside afl: one input from stdin
//                                        (in process, after a warm-up; OSO_FUZZ_OUT_OF_PROCESS=1: SharpFuzz's out-of-process server)
//   Oso.Fuzz TARGET --seeds DIR STANDARD write the seed corpus (STANDARD: ../shared/standard)
//   Oso.Fuzz TARGET --replay FILE...     run inputs in process: the outcome of each, exit 1 when one crashes
//   Oso.Fuzz TARGET --bench SECONDS DIR...  run inputs in a loop (uninstrumented build, after one warm-up round): inputs/s
//                                        and the costliest inputs (what a campaign pays per exec, without afl's fork and I/O)
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
    case "--bench":
        return Bench.Run(target, double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture), args.Skip(3));
    default:
        Action<Stream> run = stream =>
        {
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            target.Run(buffer.ToArray());
        };
        if (Environment.GetEnvironmentVariable("OSO_FUZZ_OUT_OF_PROCESS") == "1")
        {
            // survives a stack overflow or a hang (the child is restarted), but the child's start and first-use JIT count
            // against the first inputs' time: on a loaded machine afl then calls every seed a hang (fuzz/README.md)
            Fuzzer.OutOfProcess.Run(run);
        }
        else
        {
            WarmUp(target, Environment.GetEnvironmentVariable("OSO_FUZZ_WARMUP"));
            Fuzzer.Run(run);
        }
        return 0;
}

// Runs the seeds once before the fork server says hello (afl waits for that up to AFL_FORKSRV_INIT_TMOUT), so that JIT
// compilation and the first use of the rule tables, schema and serializers (seconds on a loaded machine) do not count as
// the first inputs' time. Instrumented code writes its coverage to SharpFuzz's map, which Run sets up; until then it goes
// to a scratch map.
static unsafe void WarmUp(FuzzTarget target, string? seeds)
{
    if (seeds is null || !Directory.Exists(seeds)) return;
    var scratch = (byte*)System.Runtime.InteropServices.NativeMemory.AllocZeroed(1 << 16);
    SharpFuzz.Common.Trace.SharedMem = scratch;
    try
    {
        foreach (var file in Directory.EnumerateFiles(seeds))
        {
            try
            {
                target.Run(File.ReadAllBytes(file));
            }
            catch (Exception)
            {
                // a seed that crashes is afl's to report
            }
        }
    }
    finally
    {
        SharpFuzz.Common.Trace.SharedMem = null;
        SharpFuzz.Common.Trace.PrevLocation = 0;
        System.Runtime.InteropServices.NativeMemory.Free(scratch);
    }
}

static string FindRepository()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "OpenOso.slnx"))) return dir.FullName;
    return Directory.GetCurrentDirectory();
}
