using Mote.Train;
using Mote.Train.Layers;

namespace Mote.Compress.Pruning;

/// <summary>
/// Unstructured magnitude pruning of the kernels of Conv2D (and Conv1D) and Dense layers: at each step the schedule
/// names, every kernel's smallest-magnitude weights are zeroed until it reaches the scheduled sparsity, and between
/// updates the masks are re-applied after every optimizer step. A weight once pruned stays pruned (pruned weights sort
/// first), so the mask only grows. Depthwise kernels are left dense: they hold few weights and every one matters.
/// Biases and normalization parameters are never pruned.
/// </summary>
public sealed class MagnitudePruner
{
    private readonly PolynomialSparsitySchedule _schedule;
    private readonly (Parameter Kernel, bool[] Pruned)[] _targets;

    public MagnitudePruner(Network network, PolynomialSparsitySchedule schedule)
    {
        _schedule = schedule;
        _targets = [.. network.Nodes
            .Select(n => n.Layer switch
            {
                Conv2D conv => conv.Weights,
                Dense dense => dense.Weights,
                _ => null,
            })
            .OfType<Parameter>()
            .Select(p => (p, new bool[p.Length]))];
        if (_targets.Length == 0)
        {
            throw new ArgumentException("the network has no Conv2D, Conv1D or Dense kernels to prune");
        }
    }

    /// <summary>The pruned kernels by name.</summary>
    public IEnumerable<string> Kernels => _targets.Select(t => t.Kernel.Name);

    /// <summary>Pruned weights over all prunable weights.</summary>
    public double Sparsity => (double)_targets.Sum(t => t.Pruned.Count(p => p)) / _targets.Sum(t => t.Pruned.Length);

    /// <summary>Brings the masks to the schedule's sparsity at <paramref name="step"/> if it is an update step, then zeroes the pruned weights.</summary>
    public void Step(long step)
    {
        if (_schedule.UpdatesAt(step))
        {
            Prune(_schedule.At(step));
        }

        Apply();
    }

    /// <summary>Grows every kernel's mask to <paramref name="sparsity"/> of its weights, smallest magnitudes first.</summary>
    public void Prune(double sparsity)
    {
        foreach (var (kernel, pruned) in _targets)
        {
            var count = (int)Math.Round(sparsity * pruned.Length);
            var order = new int[pruned.Length];
            var keys = new float[pruned.Length];
            for (var i = 0; i < order.Length; i++)
            {
                order[i] = i;
                keys[i] = pruned[i] ? -1f : Math.Abs(kernel.Value[i]);
            }

            // Sorting indices by (key, index) keeps ties in a fixed order, so runs are reproducible.
            Array.Sort(order, (a, b) => keys[a] != keys[b] ? keys[a].CompareTo(keys[b]) : a.CompareTo(b));
            for (var i = 0; i < count; i++)
            {
                pruned[order[i]] = true;
            }
        }

        Apply();
    }

    /// <summary>Zeroes every pruned weight.</summary>
    public void Apply()
    {
        foreach (var (kernel, pruned) in _targets)
        {
            for (var i = 0; i < pruned.Length; i++)
            {
                if (pruned[i])
                {
                    kernel.Value[i] = 0f;
                }
            }
        }
    }
}
