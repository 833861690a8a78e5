namespace Mote.Analysis;

/// <summary>CPU core families; the latency model keeps one row of throughput figures per family.</summary>
public enum CoreClass
{
    CortexM0Plus,
    CortexM4,
    CortexM33,
    CortexM7,
    XtensaLx7,
}
