using Mote.Data.Synthesis;

namespace Mote.Cli.Tests;

/// <summary>A test that needs espeak-ng: skipped, saying how to install it, where it is missing (CI installs it).</summary>
public sealed class EspeakFactAttribute : FactAttribute
{
    public EspeakFactAttribute()
    {
        if (EspeakNg.Find() is null)
        {
            Skip = $"espeak-ng not found; install it with: {EspeakNg.InstallCommand}";
        }
    }
}
