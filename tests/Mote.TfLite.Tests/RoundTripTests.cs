using Mote.Graph;
using Mote.Testing;

namespace Mote.TfLite.Tests;

public class RoundTripTests
{
    [ConformanceTheory]
    [MemberData(nameof(Conformance.Models), MemberType = typeof(Conformance))]
    public void Conformance_model_survives_read_write_read(string name)
    {
        var original = TfLiteReader.ReadFile(Conformance.ModelPath(name));
        var written = TfLiteWriter.Write(original);
        var reread = TfLiteReader.Read(written, $"{name} (rewritten)");

        Assert.Null(ModelDiff.FirstDifference(original, reread));
        Assert.True(original == reread);
        for (var s = 0; s < original.Subgraphs.Count; s++)
        {
            for (var t = 0; t < original.Subgraphs[s].Tensors.Count; t++)
            {
                var expected = original.Subgraphs[s].Tensors[t].Data;
                var actual = reread.Subgraphs[s].Tensors[t].Data;
                Assert.Equal(expected?.AsSpan().ToArray(), actual?.AsSpan().ToArray());
            }
        }
    }

    [ConformanceTheory]
    [MemberData(nameof(Conformance.Models), MemberType = typeof(Conformance))]
    public void Rewritten_model_is_stable(string name)
    {
        // Writing what was read back gives the same bytes again: the writer is deterministic.
        var first = TfLiteWriter.Write(TfLiteReader.ReadFile(Conformance.ModelPath(name)));
        var second = TfLiteWriter.Write(TfLiteReader.Read(first, name));
        Assert.Equal(first, second);
    }
}
