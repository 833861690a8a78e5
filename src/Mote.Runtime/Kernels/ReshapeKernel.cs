using Mote.Runtime.Kernels.Common;

namespace Mote.Runtime.Kernels;

/// <summary>RESHAPE: the output shape is already in the model, so Eval is a copy (skipped when the planner aliases input and output).</summary>
internal static class ReshapeKernel
{
    public static IOperation Prepare(KernelContext context) => CopyOperation.Prepare(context);
}
