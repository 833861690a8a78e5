using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Mote.Graph;

namespace Mote.Cli.Io;

/// <summary>
/// What a `mote distill` run was started with, kept in its folder (OUT/distill.json): a resumed run must go on with
/// the same teacher (by content), temperature, alpha and seed, or its epochs would mix two different trainings.
/// </summary>
public sealed record DistillSettings(string TeacherSha256, float Temperature, float Alpha, ulong Seed)
{
    public const string FileName = "distill.json";

    public static DistillSettings For(string teacherPath, float temperature, float alpha, ulong seed)
    {
        using var teacher = File.OpenRead(teacherPath);
        return new DistillSettings(Convert.ToHexStringLower(SHA256.HashData(teacher)), temperature, alpha, seed);
    }

    public void Save(string runFolder) => AtomicFile.WriteAllText(Path.Combine(runFolder, FileName), MoteJson.Serialize(this));

    /// <summary>Refuses, naming the file and the setting, a resume whose settings differ from the ones the run was started with.</summary>
    public void CheckSameAsSaved(string runFolder)
    {
        var path = Path.Combine(runFolder, FileName);
        DistillSettings? saved;
        try
        {
            saved = JsonSerializer.Deserialize<DistillSettings>(File.ReadAllText(path), MoteJson.Options);
        }
        catch (FileNotFoundException)
        {
            throw new UsageException($"{path}: missing, so this folder's checkpoint was not written by `mote distill`; start the distillation again without --resume");
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{path}: cannot read the distillation settings ({e.Message})");
        }

        if (saved is null)
        {
            throw new UsageException($"{path}: no distillation settings in the file");
        }

        void Same(string setting, string started, string now)
        {
            if (started != now)
            {
                throw new UsageException($"{path}: the run was started with {setting} {started}, not {now}; resume with the same settings");
            }
        }

        Same("a teacher of SHA-256", saved.TeacherSha256, TeacherSha256);
        Same("--temperature", saved.Temperature.ToString(CultureInfo.InvariantCulture), Temperature.ToString(CultureInfo.InvariantCulture));
        Same("--alpha", saved.Alpha.ToString(CultureInfo.InvariantCulture), Alpha.ToString(CultureInfo.InvariantCulture));
        Same("--seed", saved.Seed.ToString(CultureInfo.InvariantCulture), Seed.ToString(CultureInfo.InvariantCulture));
    }
}
