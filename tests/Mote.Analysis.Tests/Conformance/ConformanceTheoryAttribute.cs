namespace Mote.Analysis.Tests.Conformance;

/// <summary>A theory over the conformance models that skips, saying why, when the shared data is absent.</summary>
internal sealed class ConformanceTheoryAttribute : TheoryAttribute
{
    public ConformanceTheoryAttribute()
    {
        if (ConformanceData.Directory is null)
        {
            Skip = "../shared/conformance not found next to the repository (folder holding Mote.slnx)";
        }
    }
}

/// <summary>A fact over the conformance models that skips, saying why, when the shared data is absent.</summary>
internal sealed class ConformanceFactAttribute : FactAttribute
{
    public ConformanceFactAttribute()
    {
        if (ConformanceData.Directory is null)
        {
            Skip = "../shared/conformance not found next to the repository (folder holding Mote.slnx)";
        }
    }
}
