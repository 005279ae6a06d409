using BenchmarkDotNet.Running;
using Mesh.Benchmarks;

// `plan-mtu N TOPOLOGY` (used by bench/mtu) and `spec N TOPOLOGY` print facts of generated specs;
// anything else runs BenchmarkDotNet: every public benchmark class in this assembly, choose with --filter.
if (args.Length > 0 && Facts.TryRun(args, Console.Out, out var exit))
{
    return exit;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
