namespace Mote.CodeGen;

/// <summary>The fixed C runtime (Runtime/*.h, *.c) compiled into this assembly; a generated library copies the files it uses.</summary>
public static class CRuntime
{
    /// <summary>The header every kernel includes: fixed-point helpers and the alignment macro.</summary>
    public const string CommonHeader = "mote_common.h";

    public static string Read(string fileName)
    {
        using var stream = typeof(CRuntime).Assembly.GetManifestResourceStream(fileName)
            ?? throw new ArgumentException($"no C runtime file named {fileName}", nameof(fileName));
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
