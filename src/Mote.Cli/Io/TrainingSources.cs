using Mote.Data.Audio;
using Mote.Graph;
using Mote.Train;

namespace Mote.Cli.Io;

/// <summary>
/// What `mote train` trains on (<see cref="TrainingData.Open"/>): the splits as sample sources, in memory or streamed
/// from feature files on disk, with <see cref="Storage"/> saying which and why. Disposing closes (and so deletes) the
/// feature files.
/// </summary>
public sealed record TrainingSources(
    ISampleSource Train,
    ISampleSource? Validation,
    ISampleSource? Test,
    AudioFrontEnd? FrontEnd,
    string Storage,
    IReadOnlyList<IDisposable> Files) : IDisposable
{
    /// <summary>The exported model, carrying the front end (if any) in its metadata.</summary>
    public Model Annotate(Model model) => TrainingData.Annotate(model, FrontEnd);

    public void Dispose()
    {
        foreach (var file in Files)
        {
            file.Dispose();
        }
    }
}
