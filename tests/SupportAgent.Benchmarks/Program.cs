using BenchmarkDotNet.Running;

// Micro-benchmarks of the message path's CPU-bound steps. Run in Release:
//   dotnet run -c Release --project tests/SupportAgent.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
