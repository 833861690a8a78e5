using Mote.CodeGen.Styles;
using Mote.CodeGen.Toolchain;

namespace Mote.CodeGen.Tests;

/// <summary>
/// The arduino style built for an Arduino-class Cortex-M4 as far as this machine allows without an Arduino core: every
/// C file of the library's src/ compiles with arm-none-eabi-gcc for the target (strict C99, -Werror), and the sketch is
/// checked by arm-none-eabi-g++ as C++ (syntax, types, overload resolution, the calls into the library through its
/// header) against declarations of the few Arduino functions it uses. Nothing is linked or run: no Arduino core is
/// installed here, so the sketch's behaviour on a board is not verified.
/// </summary>
public sealed class ArduinoCortexMTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(2);

    // What the Arduino build puts in front of a sketch (#include <Arduino.h>), reduced to declarations of the API the
    // sketch calls, with the overload set of Arduino's Print class so that print(int8_t) resolves as on a board.
    private const string ArduinoDeclarations = """
        #include <stddef.h>
        #include <stdint.h>

        #define DEC 10

        class Print
        {
        public:
            size_t print(const char[]);
            size_t print(char);
            size_t print(unsigned char, int = DEC);
            size_t print(int, int = DEC);
            size_t print(unsigned int, int = DEC);
            size_t print(long, int = DEC);
            size_t print(unsigned long, int = DEC);
            size_t print(long long, int = DEC);
            size_t print(unsigned long long, int = DEC);
            size_t print(double, int = 2);
            size_t println(const char[]);
            size_t println(char);
            size_t println(unsigned char, int = DEC);
            size_t println(int, int = DEC);
            size_t println(unsigned int, int = DEC);
            size_t println(long, int = DEC);
            size_t println(unsigned long, int = DEC);
            size_t println(long long, int = DEC);
            size_t println(unsigned long long, int = DEC);
            size_t println(double, int = 2);
            size_t println(void);
        };

        class HardwareSerial : public Print
        {
        public:
            void begin(unsigned long baud);
            operator bool();
        };

        extern HardwareSerial Serial;

        unsigned long micros(void);
        """;

    [CortexMTheory]
    [InlineData("kws_ref")]
    [InlineData("ic_resnet_int8")]
    public void ArduinoLibraryCompilesForCortexM4AndItsSketchTypeChecks(string model)
    {
        var graph = ConformanceCases.Load(model);
        var library = CodeGenerator.Generate(graph, "net", model);
        var files = ArduinoStyle.Generate(library, ReferenceCase.Create(graph, model), model);
        var parent = Directory.CreateTempSubdirectory("mote-arduino-").FullName;
        try
        {
            var directory = Path.Combine(parent, "net");
            OutputFolder.Replace(directory, files);
            var src = Path.Combine(directory, "src");
            var toolchain = CortexMToolchain.Locate();
            foreach (var source in library.Sources)
            {
                var build = toolchain.CompileObject(src, source, Path.ChangeExtension(source, ".o"), s_timeout);
                Assert.True(build.Succeeded, $"{source} does not compile for cortex-m4:\n{build.Output}");
            }

            var declarations = Path.Combine(parent, "arduino_declarations.h");
            File.WriteAllText(declarations, ArduinoDeclarations);
            var gxx = ProcessRunner.Find("arm-none-eabi-g++");
            Assert.True(gxx is not null, $"arm-none-eabi-g++ not found; install it with: {CortexMToolchain.CompilerInstallCommand}");
            var sketch = Path.Combine(directory, "examples", "net", "net.ino");
            var check = ProcessRunner.Run(
                gxx,
                ["-std=gnu++11", "-mcpu=cortex-m4", "-mthumb", "-Wall", "-Wextra", "-Werror", "-fsyntax-only", "-include", declarations, "-I", src, "-x", "c++", sketch],
                directory,
                s_timeout);
            Assert.True(check.Succeeded, $"the sketch is not valid C++ against the Arduino declarations:\n{check.Output}");
        }
        finally
        {
            Directory.Delete(parent, recursive: true);
        }
    }
}
