namespace Mote.Analysis.Tests.Conformance;

/// <summary>A theory over the conformance models that skips, saying why, when the shared data is absent.</summary>
internal sealed class ConformanceTheoryAttribute : TheoryAttribute
{
    public ConformanceTheoryAttribute() => Skip = ConformanceData.SkipReason;
}
