using BenchmarkDotNet.Running;
using Mote.Benchmarks;

// `training-vs-pytorch` measures Mote and PyTorch side by side; `latency-vs-tflm` times the quantized conformance
// models with the protocol of TFLM's manifest latency; everything else goes to BenchmarkDotNet.
if (args is ["training-vs-pytorch"])
{
    return PyTorchComparison.Run();
}

if (args is ["latency-vs-tflm", .. var models])
{
    return TflmProtocolComparison.Run(models);
}

BenchmarkSwitcher.FromAssembly(typeof(InvokeBenchmarks).Assembly).Run(args);
return 0;
