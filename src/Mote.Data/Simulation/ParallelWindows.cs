using System.Runtime.ExceptionServices;

namespace Mote.Data.Simulation;

/// <summary>
/// Runs independent per-window work on all cores and, when some fail, rethrows the first failure as it was (rather
/// than an <see cref="AggregateException"/>), so a bad file still reaches the user as a data error.
/// </summary>
public static class ParallelWindows
{
    public static void For(int count, Action<int> body)
    {
        try
        {
            Parallel.For(0, count, body);
        }
        catch (AggregateException e)
        {
            ExceptionDispatchInfo.Capture(e.Flatten().InnerExceptions[0]).Throw();
        }
    }
}
