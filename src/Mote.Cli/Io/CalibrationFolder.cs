using System.Runtime.InteropServices;
using Mote.Graph;

namespace Mote.Cli.Io;

/// <summary>
/// Calibration samples for a float model's single input from a folder, in file-name order: .npy arrays (float32 or
/// float64) or raw .bin files of little-endian float32. A file may hold several samples back to back (an .npy of
/// shape [N, ...input]); every file must hold a whole number of them.
/// </summary>
public static class CalibrationFolder
{
    public static List<float[]> Read(string folder, Tensor input, int maxSamples)
    {
        if (!Directory.Exists(folder))
        {
            throw new InvalidModelException(folder, "no such calibration folder");
        }

        var files = Directory.EnumerateFiles(folder)
            .Where(f => NpyFile.IsNpyPath(f) || f.EndsWith(".bin", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (files.Count == 0)
        {
            throw new InvalidModelException(folder, "holds no .npy or .bin calibration files");
        }

        var size = checked((int)input.Shape.ElementCount);
        var samples = new List<float[]>();
        foreach (var file in files.TakeWhile(_ => samples.Count < maxSamples))
        {
            var values = Values(file, size, maxSamples);
            if (values.Length == 0 || values.Length % size != 0)
            {
                throw new InvalidModelException(file, $"holds {values.Length} values, not a multiple of the input's {size} ({input.Name} {input.Shape})");
            }

            for (var start = 0; start < values.Length && samples.Count < maxSamples; start += size)
            {
                samples.Add(values[start..(start + size)]);
            }
        }

        return samples;
    }

    private static float[] Values(string file, int size, int maxSamples)
    {
        var maxBytes = (long)size * sizeof(double) * maxSamples;
        if (!NpyFile.IsNpyPath(file))
        {
            if (new FileInfo(file).Length > maxBytes)
            {
                throw new InvalidModelException(file, $"is larger than {maxSamples} samples of the input");
            }

            return MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(file)).ToArray();
        }

        var (type, _, data) = NpyFile.Read(file, maxBytes);
        return type switch
        {
            DataType.Float32 => MemoryMarshal.Cast<byte, float>(data).ToArray(),
            DataType.Float64 => Array.ConvertAll(MemoryMarshal.Cast<byte, double>(data).ToArray(), v => (float)v),
            _ => throw new InvalidModelException(file, $"holds {type.TfLiteName()} values; calibration data must be float32 or float64"),
        };
    }
}
