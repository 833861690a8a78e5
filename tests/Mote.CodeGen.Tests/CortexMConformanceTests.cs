using Mote.CodeGen.Toolchain;
using Xunit.Abstractions;

namespace Mote.CodeGen.Tests;

/// <summary>
/// The generated C, cross-compiled for a Cortex-M4 and run under QEMU, reproduces TFLM's outputs byte for byte: the
/// three MLPerf-sized models, and one small model for each operator family added after them (host gcc covers the rest;
/// keyword_scrambled's outputs are the same for every case, so it shows that SVDF builds and runs more than its values).
/// </summary>
public sealed class CortexMConformanceTests(ITestOutputHelper output)
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(2);

    [CortexMTheory]
    [InlineData("kws_ref")]
    [InlineData("person_detect")]
    [InlineData("ic_resnet_int8")]
    [InlineData("seanet_add16")]
    [InlineData("seanet_conv20")]
    [InlineData("seanet_leaky_relu22")]
    [InlineData("seanet_pad0")]
    [InlineData("seanet_quantize0")]
    [InlineData("seanet_strided_slice0")]
    [InlineData("seanet_sub0")]
    [InlineData("seanet_transpose_conv4")]
    [InlineData("keyword_scrambled")]
    [InlineData("dtln_noise_suppression")]
    public void GeneratedCMatchesTflmOnCortexM4(string model)
    {
        var library = CodeGenerator.Generate(ConformanceCases.Load(model), "model", model);
        var directory = Directory.CreateTempSubdirectory($"mote-cortexm-{model}-").FullName;
        try
        {
            var test = TestMainWriter.Write(library, ConformanceCases.Cases(model), TestPlatform.CortexM);
            OutputFolder.Replace(directory, [.. library.Files, test]);
            var toolchain = CortexMToolchain.Locate();
            var build = toolchain.Build(directory, [.. library.Sources, test.Name], "test.elf", s_timeout);
            Assert.True(build.Succeeded, $"arm-none-eabi-gcc failed for {model}:\n{build.Output}");
            output.WriteLine($"{model}: {toolchain.Size(directory, "test.elf")} (with the embedded test cases)");

            var run = CortexMToolchain.Emulate(directory, "test.elf", s_timeout);
            output.WriteLine(run.Output);
            Assert.True(run.Succeeded, $"generated C for {model} does not match TFLM under QEMU{(run.TimedOut ? " (timed out)" : "")}:\n{run.Output}");
            Assert.Contains($"{TestMainWriter.MismatchLine}0 in", run.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
