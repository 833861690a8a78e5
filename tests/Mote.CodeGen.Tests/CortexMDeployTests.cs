using Mote.CodeGen.Toolchain;
using Mote.Graph;
using Xunit.Abstractions;

namespace Mote.CodeGen.Tests;

/// <summary>
/// `mote deploy`'s measurements on an emulated Cortex-M4 for the two models CI runs: the output matches TFLM's and
/// the sizes, RAM and instruction count are positive and add up.
/// </summary>
public sealed class CortexMDeployTests(ITestOutputHelper output)
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(2);

    [CortexMTheory]
    [InlineData("kws_ref")]
    [InlineData("ad01_int8")]
    public void MeasuresAMatchingRunOnCortexM4(string model)
    {
        var graph = ConformanceCases.Load(model);
        var library = CodeGenerator.Generate(graph, "model", model);
        var directory = Directory.CreateTempSubdirectory($"mote-deploy-{model}-").FullName;
        try
        {
            var m = CortexMDeployment.Run(library, [ConformanceCases.Cases(model)[0]], CortexMTarget.CortexM4, "-Os", emulate: true, profile: false, directory, s_timeout);
            output.WriteLine(MoteJson.Serialize(m));

            Assert.True(m.OutputMatches);
            Assert.True(m.CodeBytes > 0 && m.WeightBytes > 0 && m.TestDataBytes > 0);
            Assert.Equal(m.TextBytes, m.CodeBytes + m.WeightBytes + m.QuantizationBytes + m.TestDataBytes);
            Assert.Equal(ConformanceCases.Cases(model)[0].Inputs.Sum(i => i.Length) + ConformanceCases.Cases(model)[0].ExpectedOutputs.Sum(o => o.Length), m.TestDataBytes);
            Assert.True(m.StackBytes > 0 && m.StaticBytes > 0);
            Assert.Equal(m.ArenaBytes + m.StaticBytes + m.StackBytes, m.RamBytes);
            Assert.Equal(m.DataBytes + m.BssBytes + m.StackBytes, m.RamBytes);

            // A Cortex-M4 does at most two 8-bit multiply-accumulates per instruction (SMLAD).
            long macs = CostModel.TotalMacs(graph.Main);
            Assert.True(m.InstructionsPerInference >= macs / 2, $"{m.InstructionsPerInference} instructions for {macs} MACs");
            Assert.True(m.InstructionsWithoutInference > 0);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
