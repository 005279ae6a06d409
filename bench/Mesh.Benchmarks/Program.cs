using BenchmarkDotNet.Running;

// Every public benchmark class in this assembly; choose with --filter.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
