using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Mote.Benchmarks.InvokeBenchmarks).Assembly).Run(args);
