using Mote.Graph;

namespace Mote.Cli.Io;

/// <summary>
/// The folder `mote train --out DIR` fills: the spec it trained (a byte-for-byte copy, so that later commands rebuild
/// the same network without being told the spec again), the checkpoint, the JSON-lines log and the exported model.
/// </summary>
public static class RunFolder
{
    public const string SpecFile = "model.json";

    public const string CheckpointFile = "checkpoint.bin";

    public const string LogFile = "train.jsonl";

    public const string ModelFile = "model.tflite";

    public static string SpecPath(string runFolder) => Path.Combine(runFolder, SpecFile);

    /// <summary>A model argument that may name a run folder: the folder's exported model, else the path as given.</summary>
    public static string ModelPath(string modelOrRunFolder) =>
        Directory.Exists(modelOrRunFolder) ? Path.Combine(modelOrRunFolder, ModelFile) : modelOrRunFolder;

    /// <summary>
    /// The spec for a command that works on a trained run: <paramref name="givenSpec"/> when the user named one, else
    /// the copy the run saved.
    /// </summary>
    public static string FindSpec(string runFolder, string? givenSpec)
    {
        if (givenSpec is not null)
        {
            return givenSpec;
        }

        var saved = SpecPath(runFolder);
        return File.Exists(saved)
            ? saved
            : throw new UsageException($"{saved}: no saved model spec in the run folder (it was trained before runs kept their spec); pass the spec with --model");
    }

    /// <summary>Copies the spec a run trains into its folder, atomically (nothing to do when it is that copy).</summary>
    public static void SaveSpec(string runFolder, string specPath)
    {
        var saved = SpecPath(runFolder);
        if (Path.GetFullPath(saved) != Path.GetFullPath(specPath))
        {
            AtomicFile.WriteAllBytes(saved, ReadSpec(specPath));
        }
    }

    /// <summary>
    /// The spec a training command (`mote train`, `mote distill`) trains into <paramref name="runFolder"/>: on
    /// --resume, after checking that the folder holds a checkpoint, the saved spec, or <paramref name="givenSpec"/> if it
    /// is byte for byte the same (a folder written before runs kept their spec continues with it); otherwise the one the
    /// user named with <paramref name="specOption"/>.
    /// </summary>
    public static string SpecToTrain(string runFolder, string? givenSpec, bool resume, string specOption)
    {
        if (!resume)
        {
            return givenSpec ?? throw new UsageException($"{specOption} SPEC is required (only --resume can take the spec from the output folder)");
        }

        var checkpoint = Path.Combine(runFolder, CheckpointFile);
        if (!File.Exists(checkpoint))
        {
            throw new UsageException($"{checkpoint}: no checkpoint to resume from");
        }

        return SpecForResume(runFolder, givenSpec, specOption);
    }

    private static string SpecForResume(string runFolder, string? givenSpec, string specOption)
    {
        var saved = SpecPath(runFolder);
        if (givenSpec is null || !File.Exists(saved))
        {
            return FindSpec(runFolder, givenSpec);
        }

        if (!ReadSpec(givenSpec).AsSpan().SequenceEqual(ReadSpec(saved)))
        {
            throw new UsageException($"{givenSpec} differs from {saved}, the spec this run was trained with; resume with that spec (or without {specOption})");
        }

        return givenSpec;
    }

    private static byte[] ReadSpec(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{path}: cannot read the model spec ({e.Message})");
        }
    }
}
