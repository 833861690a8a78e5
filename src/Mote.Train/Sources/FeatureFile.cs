using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using Mote.Graph;

namespace Mote.Train.Sources;

/// <summary>
/// Items of float32 values, back to back in a headerless little-endian file: the on-disk form of a data set larger
/// than memory. Written once, sequentially and atomically, from blocks of items; read item by item at any index with
/// positional reads, so shuffled batches cost one small read per item and memory never holds more than a batch.
/// The file is deleted when the reader is disposed: it is a cache, rebuilt by each run from the data.
/// </summary>
public sealed class FeatureFile : IDisposable
{
    private readonly SafeFileHandle _handle;

    private FeatureFile(string path, SafeFileHandle handle, int itemSize, int count)
    {
        Path = path;
        _handle = handle;
        ItemSize = itemSize;
        Count = count;
    }

    public string Path { get; }

    public int ItemSize { get; }

    public int Count { get; }

    public long Bytes => (long)Count * ItemSize * sizeof(float);

    /// <summary>Writes <paramref name="blocks"/> (each a whole number of items) to <paramref name="path"/> and opens it for reading.</summary>
    public static FeatureFile Create(string path, int itemSize, IEnumerable<float[]> blocks)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(itemSize);
        long values = 0;
        AtomicFile.Write(path, stream =>
        {
            foreach (var block in blocks)
            {
                if (block.Length % itemSize != 0)
                {
                    throw new ArgumentException($"a block of {block.Length} values does not divide into items of {itemSize}", nameof(blocks));
                }

                stream.Write(MemoryMarshal.AsBytes(block.AsSpan()));
                values += block.Length;
            }
        });
        var count = checked((int)(values / itemSize));
        return new FeatureFile(path, File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.RandomAccess | FileOptions.DeleteOnClose), itemSize, count);
    }

    /// <summary>Reads item <paramref name="item"/> into <paramref name="target"/> (<see cref="ItemSize"/> values).</summary>
    public void Read(int item, Span<float> target)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)item, (uint)Count, nameof(item));
        var bytes = MemoryMarshal.AsBytes(target[..ItemSize]);
        var offset = (long)item * bytes.Length;
        while (!bytes.IsEmpty)
        {
            var read = RandomAccess.Read(_handle, bytes, offset);
            if (read == 0)
            {
                throw new IOException($"{Path}: the feature file ends before item {item}");
            }

            bytes = bytes[read..];
            offset += read;
        }
    }

    public void Dispose() => _handle.Dispose();
}
