using System.Text.RegularExpressions;
using Mote.CodeGen.Styles;
using Mote.CodeGen.Toolchain;
using Mote.Testing;

namespace Mote.CodeGen.Tests;

/// <summary>The tflm and arduino styles: files present, the C compiles with host gcc, the model array is the model file.</summary>
public sealed class StyleTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(2);

    [HostCompilerTheory]
    [InlineData("kws_ref")]
    public void TflmModelArrayHoldsTheModelFileByteForByte(string model)
    {
        var bytes = File.ReadAllBytes(Conformance.ModelPath(model));
        var files = TflmStyle.Generate(ConformanceCases.Load(model), bytes, "net", model);
        InFolder(files, directory =>
        {
            // A host program that writes the array out again, and checks its length constant and alignment.
            File.WriteAllText(Path.Combine(directory, "dump.c"), """
                #include <stdint.h>
                #include <stdio.h>
                #include "net_model_data.h"
                int main(void)
                {
                    FILE* out = fopen("dump.bin", "wb");
                    size_t written = fwrite(net_model_data, 1, net_model_data_len, out);
                    fclose(out);
                    return written == NET_MODEL_DATA_LEN && (uintptr_t)net_model_data % 16 == 0 ? 0 : 1;
                }
                """);
            var compiler = HostCompiler.Locate();
            var build = compiler.Build(directory, ["net_model_data.c", "dump.c"], "dump", s_timeout);
            Assert.True(build.Succeeded, build.Output);
            var run = ProcessRunner.Run(Path.Combine(directory, "dump"), [], directory, s_timeout);
            Assert.True(run.Succeeded, run.Output);
            Assert.Equal(bytes, File.ReadAllBytes(Path.Combine(directory, "dump.bin")));
        });
    }

    [ConformanceFact]
    public void TflmResolverRegistersExactlyTheModelsOperators()
    {
        var files = TflmStyle.Generate(ConformanceCases.Load("kws_ref"), [], "kws", "kws_ref");
        var example = files.Single(f => f.Name == "kws_example.cc").Text;

        // kws_ref (DS-CNN): CONV_2D, DEPTHWISE_CONV_2D, AVERAGE_POOL_2D, RESHAPE, FULLY_CONNECTED, SOFTMAX.
        var calls = Regex.Matches(example, @"resolver\.(Add\w+)\(\)").Select(m => m.Groups[1].Value).Order().ToList();
        Assert.Equal(["AddAveragePool2D", "AddConv2D", "AddDepthwiseConv2D", "AddFullyConnected", "AddReshape", "AddSoftmax"], calls);
        Assert.Contains("tflite::MicroMutableOpResolver<6>", example, StringComparison.Ordinal);
        Assert.Contains($"kArenaSize = {TflmArena.Bytes(ConformanceCases.Load("kws_ref"))};", example, StringComparison.Ordinal);
        Assert.Contains("README.md", files.Select(f => f.Name));
    }

    /// <summary>The arena the example asks for covers what TFLM really used (arena.csv, 32-bit Arm) on every model the generator accepts.</summary>
    [ConformanceTheory]
    [MemberData(nameof(ConformanceCases.GeneratedModels), MemberType = typeof(ConformanceCases))]
    public void TflmArenaCoversWhatTflmUsed(string model)
    {
        long? used = Conformance.ArmhfArenaBytes(model);
        Assert.NotNull(used);
        long arena = TflmArena.Bytes(ConformanceCases.Load(model));
        Assert.True(arena >= used, $"{model}: {arena} bytes asked for, TFLM used {used}");
        Assert.True(arena <= (3 * used) + 4096, $"{model}: {arena} bytes asked for is far above the {used} TFLM used");
    }

    [HostCompilerTheory]
    [InlineData("kws_ref")]
    public void ArduinoLibraryHasItsFilesAndItsSourcesCompile(string model)
    {
        var graph = ConformanceCases.Load(model);
        var library = CodeGenerator.Generate(graph, "kws", model);
        var files = ArduinoStyle.Generate(library, ReferenceCase.Create(graph, model), model);
        InFolder(files, directory =>
        {
            Assert.True(File.Exists(Path.Combine(directory, "library.properties")));
            Assert.Contains("name=kws", File.ReadAllText(Path.Combine(directory, "library.properties")), StringComparison.Ordinal);
            var sketch = File.ReadAllText(Path.Combine(directory, "examples", "kws", "kws.ino"));
            Assert.Contains("micros()", sketch, StringComparison.Ordinal);
            Assert.Contains("kws_invoke(", sketch, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(directory, "src", "kws.h")));

            var src = Path.Combine(directory, "src");
            var compiler = HostCompiler.Locate();
            foreach (var source in library.Sources)
            {
                var build = compiler.CompileObject(src, source, Path.ChangeExtension(source, ".o"), "-Os", s_timeout);
                Assert.True(build.Succeeded, $"{source}: {build.Output}");
            }
        });
    }

    private static void InFolder(IReadOnlyList<GeneratedFile> files, Action<string> check)
    {
        var parent = Directory.CreateTempSubdirectory("mote-style-").FullName;
        try
        {
            var directory = Path.Combine(parent, "out");
            OutputFolder.Replace(directory, files);
            check(directory);
        }
        finally
        {
            Directory.Delete(parent, recursive: true);
        }
    }
}
