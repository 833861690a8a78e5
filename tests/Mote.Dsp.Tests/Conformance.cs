using System.Runtime.InteropServices;

namespace Mote.Dsp.Tests;

/// <summary>
/// Locates the shared TFLM conformance data: walk up from the test binaries to the folder holding Mote.slnx, then
/// <c>../shared/conformance</c>. Null when absent (tests then skip through <see cref="ConformanceFactAttribute"/>).
/// </summary>
internal static class Conformance
{
    public static readonly string? Root = Find();

    public static string Path(params string[] parts) =>
        System.IO.Path.Combine([Root ?? throw new InvalidOperationException("No conformance data."), .. parts]);

    public static T[] Read<T>(params string[] parts)
        where T : struct => MemoryMarshal.Cast<byte, T>(File.ReadAllBytes(Path(parts))).ToArray();

    private static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Mote.slnx")))
            {
                string candidate = System.IO.Path.GetFullPath(System.IO.Path.Combine(dir.FullName, "..", "shared", "conformance"));
                return Directory.Exists(candidate) ? candidate : null;
            }
        }

        return null;
    }
}

/// <summary>A fact that is skipped, with the reason shown, when ../shared/conformance is not present.</summary>
internal sealed class ConformanceFactAttribute : FactAttribute
{
    public ConformanceFactAttribute()
    {
        if (Conformance.Root is null)
        {
            Skip = "../shared/conformance (next to the folder holding Mote.slnx) is not present.";
        }
    }
}

/// <summary>A theory skipped, with the reason shown, when ../shared/conformance is not present.</summary>
internal sealed class ConformanceTheoryAttribute : TheoryAttribute
{
    public ConformanceTheoryAttribute()
    {
        if (Conformance.Root is null)
        {
            Skip = "../shared/conformance (next to the folder holding Mote.slnx) is not present.";
        }
    }
}
