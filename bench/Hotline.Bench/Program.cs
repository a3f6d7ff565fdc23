using BenchmarkDotNet.Running;

// Run one suite: dotnet run -c Release --project bench/Hotline.Bench -- --filter '*Calendar*'
// Run all:       dotnet run -c Release --project bench/Hotline.Bench -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
