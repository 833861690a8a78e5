using System.Text;
using Mote.Data;
using Mote.Graph;
using Mote.Train.Optimizers;

namespace Mote.Train.Training;

/// <summary>
/// A binary snapshot of a training run: every parameter (by name), the optimizer's step count and state arrays, and
/// the <see cref="TrainingState"/> with the result of every epoch done. Little-endian, written through <see cref="AtomicFile"/>, so a crash never leaves a
/// half-written checkpoint.
/// </summary>
public static class Checkpoint
{
    private const string Magic = "MOTECKPT";
    private const int FormatVersion = 2;

    public static void Save(string path, Network network, Optimizer optimizer, TrainingState state)
    {
        AtomicFile.Write(path, stream =>
        {
            using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            writer.Write(Encoding.ASCII.GetBytes(Magic));
            writer.Write(FormatVersion);
            writer.Write(state.EpochsDone);
            writer.Write(state.RandomState);
            writer.Write(state.BestValidationLoss);
            writer.Write(state.BestEpoch);
            writer.Write(state.EpochsWithoutImprovement);
            WriteHistory(writer, state.History);
            writer.Write(optimizer.Name);
            writer.Write(optimizer.Steps);
            writer.Write(network.Parameters.Count);
            foreach (var parameter in network.Parameters)
            {
                writer.Write(parameter.Name);
                WriteArray(writer, parameter.Value);
            }

            foreach (var slots in optimizer.State(network.Parameters))
            {
                writer.Write(slots.Length);
                foreach (var slot in slots)
                {
                    WriteArray(writer, slot);
                }
            }
        });
    }

    /// <summary>Restores parameters and optimizer state in place and returns the training state; the network and optimizer must match the saved ones.</summary>
    public static TrainingState Load(string path, Network network, Optimizer optimizer)
    {
        try
        {
            using var reader = new BinaryReader(File.OpenRead(path), Encoding.UTF8);
            if (Encoding.ASCII.GetString(reader.ReadBytes(Magic.Length)) != Magic)
            {
                throw new InvalidDataFileException(path, "not a Mote checkpoint");
            }

            var version = reader.ReadInt32();
            if (version != FormatVersion)
            {
                throw new InvalidDataFileException(path, $"a checkpoint of format version {version}; this Mote reads version {FormatVersion} (train the run again)");
            }

            var state = new TrainingState(reader.ReadInt32(), reader.ReadUInt64(), reader.ReadSingle(), reader.ReadInt32(), reader.ReadInt32());
            state = state with { History = ReadHistory(reader, path, state.EpochsDone) };
            var optimizerName = reader.ReadString();
            if (optimizerName != optimizer.Name)
            {
                throw new InvalidDataFileException(path, $"saved with optimizer {optimizerName}, resumed with {optimizer.Name}");
            }

            optimizer.Steps = reader.ReadInt64();
            var count = reader.ReadInt32();
            if (count != network.Parameters.Count)
            {
                throw new InvalidDataFileException(path, $"holds {count} parameters, the network has {network.Parameters.Count}");
            }

            foreach (var parameter in network.Parameters)
            {
                var name = reader.ReadString();
                if (name != parameter.Name)
                {
                    throw new InvalidDataFileException(path, $"holds parameter '{name}' where the network has '{parameter.Name}'");
                }

                ReadArray(reader, parameter.Value, path, name);
            }

            foreach (var slots in optimizer.State(network.Parameters))
            {
                if (reader.ReadInt32() != slots.Length)
                {
                    throw new InvalidDataFileException(path, "optimizer state does not match the network");
                }

                foreach (var slot in slots)
                {
                    ReadArray(reader, slot, path, "optimizer state");
                }
            }

            return state;
        }
        catch (Exception e) when (e is EndOfStreamException or IOException)
        {
            throw new InvalidDataFileException(path, $"unreadable checkpoint ({e.Message})");
        }
    }

    private static void WriteHistory(BinaryWriter writer, IReadOnlyList<EpochResult> history)
    {
        writer.Write(history.Count);
        foreach (var epoch in history)
        {
            writer.Write(epoch.Epoch);
            writer.Write(epoch.LearningRate);
            writer.Write(epoch.TrainLoss);
            WriteOptional(writer, epoch.TrainAccuracy);
            WriteOptional(writer, epoch.ValidationLoss);
            WriteOptional(writer, epoch.ValidationAccuracy);
            writer.Write(epoch.Elapsed.Ticks);
        }
    }

    private static List<EpochResult> ReadHistory(BinaryReader reader, string path, int epochsDone)
    {
        var count = reader.ReadInt32();
        if (count != epochsDone)
        {
            throw new InvalidDataFileException(path, $"records {count} epoch results for {epochsDone} epochs done");
        }

        var history = new List<EpochResult>();
        for (var i = 0; i < count; i++)
        {
            history.Add(new EpochResult(reader.ReadInt32(), reader.ReadSingle(), reader.ReadSingle(), ReadOptional(reader), ReadOptional(reader), ReadOptional(reader), TimeSpan.FromTicks(reader.ReadInt64())));
        }

        return history;
    }

    private static void WriteOptional(BinaryWriter writer, float? value)
    {
        writer.Write(value.HasValue);
        writer.Write(value.GetValueOrDefault());
    }

    private static float? ReadOptional(BinaryReader reader)
    {
        var present = reader.ReadBoolean();
        var value = reader.ReadSingle();
        return present ? value : null;
    }

    private static void WriteArray(BinaryWriter writer, float[] values)
    {
        writer.Write(values.Length);
        foreach (var value in values)
        {
            writer.Write(value);
        }
    }

    private static void ReadArray(BinaryReader reader, float[] target, string path, string name)
    {
        var length = reader.ReadInt32();
        if (length != target.Length)
        {
            throw new InvalidDataFileException(path, $"'{name}' has {length} values, the network expects {target.Length}");
        }

        for (var i = 0; i < length; i++)
        {
            target[i] = reader.ReadSingle();
        }
    }
}
