using Mote.Graph;

namespace Mote.Compress.Rewrites;

/// <summary>
/// Simplifies a float model's main subgraph without changing what it computes: folds unfolded BatchNorm (per-channel
/// MUL and ADD by constants) into the preceding CONV_2D, DEPTHWISE_CONV_2D or FULLY_CONNECTED, fuses a following
/// RELU/RELU6/RELU_N1_TO_1 into the operator before it, and removes identity operators. The passes repeat until none
/// applies; unused tensors are then dropped. Quantizing after these rewrites gives TFLM the graph it runs best.
/// </summary>
public static class GraphRewriter
{
    /// <summary>The rewritten model and one line per change, in the order made.</summary>
    public static (Model Model, IReadOnlyList<string> Changes) Simplify(Model model)
    {
        var editor = new GraphEditor(model.Main);
        var changes = new List<string>();
        bool changed;
        do
        {
            // Non-short-circuit |: every pass runs each round, and one pass's change can enable another's.
            changed = BatchNormFolding.Apply(editor, changes) | ActivationFusion.Apply(editor, changes) | IdentityRemoval.Apply(editor, changes);
        }
        while (changed);

        if (changes.Count == 0)
        {
            return (model, changes);
        }

        var (main, newIndex) = editor.Build();
        var signatures = model.Signatures.Select(s => s.SubgraphIndex != 0 ? s : s with
        {
            Inputs = [.. s.Inputs.Select(t => t with { TensorIndex = newIndex[t.TensorIndex] })],
            Outputs = [.. s.Outputs.Select(t => t with { TensorIndex = newIndex[t.TensorIndex] })],
        });
        return (model with { Subgraphs = [main, .. model.Subgraphs.Skip(1)], Signatures = [.. signatures] }, changes);
    }
}
