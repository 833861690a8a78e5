using System.Text.Json;
using Mote.Graph;
using Mote.Train.Training;

namespace Mote.Cli.Io;

/// <summary>
/// The JSON-lines log of a run (<see cref="RunFolder.LogFile"/>), one line per epoch. The checkpoint is the truth: a
/// process killed after writing a checkpoint but before (or while) appending the epoch's line leaves the log behind,
/// so opening the log for a resumed run rewrites it, atomically, from the epoch results the checkpoint carries.
/// </summary>
public sealed class TrainingLog : IDisposable
{
    // MoteJson's style on one line per record (JSON lines).
    private static readonly JsonSerializerOptions s_jsonLines = new(MoteJson.Options) { WriteIndented = false };

    private readonly StreamWriter _writer;

    private TrainingLog(StreamWriter writer) => _writer = writer;

    /// <summary>Opens the log at <paramref name="path"/> holding exactly the lines of <paramref name="epochsDone"/>, ready to append.</summary>
    public static TrainingLog Open(string path, IReadOnlyList<EpochResult> epochsDone)
    {
        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, leaveOpen: true);
            foreach (var epoch in epochsDone)
            {
                writer.WriteLine(Line(epoch));
            }
        });
        return new TrainingLog(new StreamWriter(path, append: true));
    }

    /// <summary>Appends one epoch's line and flushes it, so that a crash loses at most the line being written.</summary>
    public void Append(EpochResult epoch)
    {
        _writer.WriteLine(Line(epoch));
        _writer.Flush();
    }

    public void Dispose() => _writer.Dispose();

    private static string Line(EpochResult epoch) => JsonSerializer.Serialize(
        new EpochLine(epoch.Epoch + 1, epoch.LearningRate, epoch.TrainLoss, epoch.TrainAccuracy, epoch.ValidationLoss, epoch.ValidationAccuracy, Math.Round(epoch.Elapsed.TotalSeconds, 3)),
        s_jsonLines);

    private sealed record EpochLine(int Epoch, float LearningRate, float TrainLoss, float? TrainAccuracy, float? ValidationLoss, float? ValidationAccuracy, double Seconds);
}
