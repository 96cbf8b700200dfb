#:project ../../src/Oso.Cli/Oso.Cli.csproj
#:property PublishAot=false
#:property TreatWarningsAsErrors=false
#:property NoWarn=CA1303;CA1849;CA2007;CA1031;CA1062;CA5394
// Backup, restore and re-encryption on the demo data (docs/operations.md §11): a file-based app, not part of the build.
//   dotnet run bench/operations/backup-rekey.cs -- PUPILS DIR      (e.g. 24 .oso/measure; DIR is deleted first)
// Starts the demo chain on free ports with PUPILS pupils, backs up and restores School and Central three times
// (in process, while the chain runs), then rotates the data keys and times the re-encryption after the grace period.
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Oso.Central;
using Oso.Central.Backup;
using Oso.Cli.Up;
using Oso.School;
using Oso.School.Backup;
using Oso.School.Crypto;

var pupils = int.Parse(args[0]);
var root = Path.GetFullPath(args[1]);
if (Directory.Exists(root)) Directory.Delete(root, true);
var watch = Stopwatch.StartNew();
await using var chain = await DemoChain.StartAsync(new ChainOptions
{
    DataDirectory = root, CentralPortalPort = 0, CentralProtocolPort = 0, SchoolPortalPort = 0, SchoolProtocolPort = 0, Pupils = pupils,
    ConfigureSchool = s => s.AddSingleton(Options.Create(new KeyRotationOptions { CurrentKeyRefresh = TimeSpan.FromSeconds(1), Grace = TimeSpan.FromSeconds(2) })),
});
Console.WriteLine($"chain up with {pupils} pupils in {watch.Elapsed.TotalSeconds:F1} s");
var schoolOptions = new SchoolOptions { DataDirectory = Path.Combine(root, "school") };
var centralOptions = new CentralOptions { DataDirectory = Path.Combine(root, "central") };
var backupKey = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);

for (var run = 1; run <= 3; run++)
{
    var sf = Path.Combine(root, $"school-{run}.osobackup");
    var cf = Path.Combine(root, $"central-{run}.osobackup");
    watch.Restart();
    var sm = await SchoolBackup.BackupAsync(schoolOptions, sf, TimeProvider.System);
    var sb = watch.Elapsed;
    watch.Restart();
    await SchoolBackup.RestoreAsync(sf, Path.Combine(root, $"school-restored-{run}"), schoolOptions with { MasterKey = File.ReadAllText(Path.Combine(root, "school", "master.key")).Trim() });
    var sr = watch.Elapsed;
    watch.Restart();
    var cm = await CentralBackup.BackupAsync(centralOptions, cf, backupKey, TimeProvider.System);
    var cb = watch.Elapsed;
    watch.Restart();
    await CentralBackup.RestoreAsync(cf, Path.Combine(root, $"central-restored-{run}"), centralOptions, backupKey);
    var cr = watch.Elapsed;
    Console.WriteLine($"run {run}: school backup {sb.TotalSeconds:F2} s, {new FileInfo(sf).Length / 1024.0:F0} KiB file, data {sm.Files.Sum(f => f.Bytes) / 1024.0:F0} KiB in {sm.Files.Count} files; restore {sr.TotalSeconds:F2} s"
        + $" | central backup {cb.TotalSeconds:F2} s, {new FileInfo(cf).Length / 1024.0:F0} KiB file, data {cm.Files.Sum(f => f.Bytes) / 1024.0:F0} KiB in {cm.Files.Count} files; restore {cr.TotalSeconds:F2} s");
}

var rotation = chain.School.Services.GetRequiredService<DataKeyRotation>();
var before = await rotation.StatusAsync();
var values = before.Sum(s => s.Keys.Sum(k => k.Values));
var rotated = await rotation.RotateAsync();
var due = rotated.Max(r => r.RekeyFrom);
while (TimeProvider.System.GetUtcNow() < due) await Task.Delay(20);
watch.Restart();
while ((await rotation.StatusAsync()).Any(s => s.Rekey?.State != RekeyState.Klaar)) await Task.Delay(100);
var elapsed = watch.Elapsed;
var after = await rotation.StatusAsync();
Console.WriteLine($"rekeying: {values} values in {after.Count} schools re-encrypted in {elapsed.TotalSeconds:F2} s after the grace period = {values / elapsed.TotalSeconds:F0} values/s; "
    + $"old keys left: {after.Sum(s => s.Keys.Count(k => k.KeyId != s.CurrentKeyId))}, values under current: {after.Sum(s => s.Keys.Where(k => k.KeyId == s.CurrentKeyId).Sum(k => k.Values))}");
