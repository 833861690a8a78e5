using Mote.CodeGen.Toolchain;
using Mote.Graph;
using Mote.Runtime;

namespace Mote.CodeGen.Tests;

/// <summary>
/// The state of a stateful model (SVDF, LSTM) behaves in the generated C as in TFLM: it carries over from one invoke to
/// the next, and MODEL_reset returns it to a fresh interpreter's. Case 0 runs, then case 1, then case 1 again after a
/// reset, in the C and in Mote's interpreter (which keeps its state as TFLM does). keyword_scrambled is cut after its
/// first SVDF, as its softmax saturates (its outputs are the same for every input and state); keyword_scrambled_8bit
/// saturates even there, so an SVDF with an int8 state is built here instead.
/// </summary>
public sealed class GeneratedCStateTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(2);

    [HostCompilerTheory]
    [InlineData("keyword_scrambled", 1)]
    [InlineData("dtln_noise_suppression", 3)]
    public void StateCarriesOverUntilReset(string name, int lastOperator) =>
        AssertStateCarriesOverUntilReset(Through(ConformanceCases.Load(name), lastOperator), name, [.. ConformanceCases.Cases(name).Take(2).Select(c => c.Inputs[0])]);

    [HostCompilerFact]
    public void Int8StateOfSvdfCarriesOverUntilReset()
    {
        var random = new Random(7);
        Tensor Constant(string name, DataType type, float scale, params int[] shape) =>
            new(name, type, Shape.Of(shape))
            {
                Data = RandomBytes(random, (int)Shape.Of(shape).ElementCount * type.ElementSize()),
                Quantization = QuantizationParameters.PerTensor(scale, 0),
            };

        // 4 units of rank 2 over 16 inputs, remembering 5 steps; the state's zero point makes its initial bytes nonzero.
        var bias = new Tensor("bias", DataType.Int32, Shape.Of(4))
        {
            Data = [.. Enumerable.Range(0, 4).SelectMany(u => BitConverter.GetBytes((u * 300) - 500))],
            Quantization = QuantizationParameters.PerTensor(0.001f, 0),
        };
        Tensor[] tensors =
        [
            Activation("in", 0.05f, 3, 1, 16),
            Constant("feature_weights", DataType.Int8, 0.02f, 8, 16),
            Constant("time_weights", DataType.Int8, 0.01f, 8, 5),
            bias,
            Activation("state", 0.3f, -5, 1, 40) with { IsVariable = true },
            Activation("out", 0.8f, 2, 1, 4),
        ];
        var svdf = new Operator(OpType.Svdf, [0, 1, 2, 3, 4], [5]) { Options = new SvdfOptions(Rank: 2) };
        var model = new Model([new Subgraph([.. tensors], [svdf], [0], [5])]);
        AssertStateCarriesOverUntilReset(model, "svdf8", [.. Enumerable.Range(0, 2).Select(_ => RandomBytes(random, 16))]);
    }

    private static void AssertStateCarriesOverUntilReset(Model model, string name, byte[][] inputs)
    {
        var interpreter = Interpreter.Create(model, name);
        byte[] Invoke(byte[] input)
        {
            interpreter.SetInput(0, input);
            interpreter.Invoke();
            return interpreter.GetOutput(0).ToArray();
        }

        byte[] first = Invoke(inputs[0]);
        byte[] continued = Invoke(inputs[1]);
        interpreter.ResetVariables();
        byte[] fresh = Invoke(inputs[1]);
        Assert.NotEqual(fresh, continued);

        var library = CodeGenerator.Generate(model, "model", name);
        Assert.True(library.HasState);
        Assert.Equal([.. first, .. continued, .. fresh], Run(library, inputs[0], inputs[1]));
    }

    [HostCompilerFact]
    public void StatelessModelsHaveNoReset()
    {
        var library = CodeGenerator.Generate(ConformanceCases.Load("kws_ref"), "kws", "kws_ref");
        Assert.False(library.HasState);
        Assert.DoesNotContain("kws_reset", library.Files.Single(f => f.Name == "kws.h").Text, StringComparison.Ordinal);
    }

    private static Tensor Activation(string name, float scale, long zeroPoint, params int[] shape) =>
        new(name, DataType.Int8, Shape.Of(shape)) { Quantization = QuantizationParameters.PerTensor(scale, zeroPoint) };

    private static byte[] RandomBytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>The model's operators up to <paramref name="last"/>, with that one's output as the model's.</summary>
    private static Model Through(Model model, int last)
    {
        var main = model.Main;
        return model with { Subgraphs = [main with { Operators = [.. main.Operators.Take(last + 1)], Outputs = [main.Operators[last].Outputs[0]] }] };
    }

    /// <summary>Invokes the library on <paramref name="first"/>, then <paramref name="second"/>, resets it and invokes it on <paramref name="second"/> again; returns the three outputs one after another.</summary>
    private static byte[] Run(GeneratedLibrary library, byte[] first, byte[] second)
    {
        var input = library.Inputs[0];
        var w = new CWriter();
        w.Line("#include <stdio.h>");
        w.Line("#include \"model.h\"");
        w.Line();
        w.Array($"static const {input.CType} first", CTypes.Literals(input.Type, first));
        w.Array($"static const {input.CType} second", CTypes.Literals(input.Type, second));
        w.Line();
        w.Line("int main(void)");
        using (w.Block())
        {
            w.Line($"static {library.Outputs[0].CType} output[{library.Outputs[0].ElementCount}];");
            w.Line("FILE* file = fopen(\"outputs.bin\", \"wb\");");
            foreach (var (reset, name) in (ValueTuple<bool, string>[])[(false, "first"), (false, "second"), (true, "second")])
            {
                if (reset)
                {
                    w.Line("model_reset();");
                }

                w.Line($"model_invoke({name}, output);");
                w.Line("fwrite(output, 1, sizeof output, file);");
            }

            w.Line("return fclose(file);");
        }

        var directory = Directory.CreateTempSubdirectory("mote-codegen-state-").FullName;
        try
        {
            var main = new GeneratedFile("test_main.c", w.ToString());
            OutputFolder.Replace(directory, [.. library.Files, main]);
            var build = HostCompiler.Locate().Build(directory, [.. library.Sources, main.Name], "test_main", s_timeout);
            Assert.True(build.Succeeded, build.Output);
            var run = ProcessRunner.Run(Path.Combine(directory, "test_main"), [], directory, s_timeout);
            Assert.True(run.Succeeded, run.Output);
            return File.ReadAllBytes(Path.Combine(directory, "outputs.bin"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
