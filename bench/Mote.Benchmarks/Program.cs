using BenchmarkDotNet.Running;
using Mote.Benchmarks;

// `training-vs-pytorch` measures Mote and PyTorch side by side; everything else goes to BenchmarkDotNet.
if (args is ["training-vs-pytorch"])
{
    return PyTorchComparison.Run();
}

BenchmarkSwitcher.FromAssembly(typeof(InvokeBenchmarks).Assembly).Run(args);
return 0;
