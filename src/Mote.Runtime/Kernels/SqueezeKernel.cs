using Mote.Runtime.Kernels.Common;

namespace Mote.Runtime.Kernels;

/// <summary>SQUEEZE: the output shape is already in the model, so Eval is a copy (skipped when the planner aliases input and output).</summary>
internal static class SqueezeKernel
{
    public static IOperation Prepare(KernelContext context) => CopyOperation.Prepare(context);
}
