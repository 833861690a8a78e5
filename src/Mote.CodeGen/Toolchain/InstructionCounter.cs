using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Mote.CodeGen.Toolchain;

/// <summary>
/// Counts the guest instructions a Cortex-M image executes under QEMU with Mote's TCG plugin (Boards/
/// qemu_instruction_counter.c). The plugin is built with the host gcc on first use into a cache folder named after
/// the hash of its source, so a changed plugin is rebuilt and an unchanged one never is.
/// </summary>
public static class InstructionCounter
{
    public const string PluginSource = "qemu_instruction_counter.c";

    private const string CountPrefix = "mote-instructions: ";

    private static readonly TimeSpan s_buildTimeout = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The plugin's path, built if needed under <paramref name="cacheRoot"/> (default: $XDG_CACHE_HOME/mote or
    /// ~/.cache/mote). Throws <see cref="ToolchainMissingException"/> without a host gcc.
    /// </summary>
    public static string Plugin(string? cacheRoot = null)
    {
        var source = CRuntime.Read(PluginSource);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(source)))[..16];
        var folder = Path.Combine(cacheRoot ?? DefaultCacheRoot(), "qemu-plugin", hash);
        var library = Path.Combine(folder, "libmote_instruction_counter.so");
        if (File.Exists(library))
        {
            return library;
        }

        Directory.CreateDirectory(folder);
        // Build under a unique name and rename: two commands building at once each get a whole library.
        var stamp = Guid.NewGuid().ToString("N");
        var sourceFile = Path.Combine(folder, $"{stamp}.c");
        var temporary = Path.Combine(folder, $"{stamp}.so");
        try
        {
            File.WriteAllText(sourceFile, source);
            var build = HostCompiler.Locate().BuildSharedLibrary(folder, sourceFile, temporary, s_buildTimeout);
            if (!build.Succeeded)
            {
                throw new InvalidOperationException($"building the QEMU instruction-counting plugin failed:\n{build.Output}");
            }

            File.Move(temporary, library, overwrite: true);
            return library;
        }
        finally
        {
            File.Delete(sourceFile);
            File.Delete(temporary);
        }
    }

    /// <summary>The count the plugin printed at the end of an emulation, or null when there is none.</summary>
    public static long? Parse(string qemuOutput)
    {
        ArgumentNullException.ThrowIfNull(qemuOutput);
        var line = qemuOutput.Split('\n').LastOrDefault(l => l.StartsWith(CountPrefix, StringComparison.Ordinal));
        return line is not null && long.TryParse(line.AsSpan(CountPrefix.Length).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            ? count
            : null;
    }

    private static string DefaultCacheRoot()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        return string.IsNullOrEmpty(xdg)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "mote")
            : Path.Combine(xdg, "mote");
    }
}
