using Mote.CodeGen.Toolchain;

namespace Mote.CodeGen.Tests;

/// <summary>A missing compiler or emulator is reported with the one apt-get command that installs it.</summary>
public sealed class ToolchainMissingTests
{
    [Fact]
    public void EachMissingToolNamesItsInstallCommand()
    {
        var empty = Directory.CreateTempSubdirectory("mote-no-tools-").FullName;
        try
        {
            var cross = Assert.Throws<ToolchainMissingException>(() => CortexMToolchain.Locate(empty));
            Assert.Equal("arm-none-eabi-gcc", cross.Tool);
            Assert.Contains("sudo apt-get install -y gcc-arm-none-eabi libnewlib-arm-none-eabi", cross.Message, StringComparison.Ordinal);

            var qemu = Assert.Throws<ToolchainMissingException>(() => CortexMToolchain.LocateEmulator(empty));
            Assert.Contains("sudo apt-get install -y qemu-system-arm", qemu.Message, StringComparison.Ordinal);

            var gcc = Assert.Throws<ToolchainMissingException>(() => HostCompiler.Locate(empty));
            Assert.Contains("sudo apt-get install -y gcc", gcc.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(empty);
        }
    }
}
