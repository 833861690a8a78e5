namespace Mote.Analysis.Tests.Conformance;

/// <summary>A fact over the conformance models that skips, saying why, when the shared data is absent.</summary>
internal sealed class ConformanceFactAttribute : FactAttribute
{
    public ConformanceFactAttribute() => Skip = ConformanceData.SkipReason;
}
