using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Oso.Bench -- --filter '*'            all benchmarks
// dotnet run -c Release --project bench/Oso.Bench -- --filter '*Read*' --job short
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
