namespace Mote.Testing;

/// <summary>A fact that needs the conformance models; skipped with the reason when they are absent.</summary>
public sealed class ConformanceFactAttribute : FactAttribute
{
    public ConformanceFactAttribute()
    {
        if (Conformance.Directory is null)
        {
            Skip = Conformance.SkipReason;
        }
    }
}

/// <summary>A theory that needs the conformance models; skipped with the reason when they are absent.</summary>
public sealed class ConformanceTheoryAttribute : TheoryAttribute
{
    public ConformanceTheoryAttribute()
    {
        if (Conformance.Directory is null)
        {
            Skip = Conformance.SkipReason;
        }
    }
}
