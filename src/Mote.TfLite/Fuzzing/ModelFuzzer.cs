using System.Buffers.Binary;
using System.Collections.Concurrent;
using Mote.Graph;

namespace Mote.TfLite.Fuzzing;

/// <summary>
/// Seeded mutation fuzzing of the TFLite reader and writer. Each variant is a corpus model with one to four mutations
/// (bit flips, random or extreme bytes, extreme or nudged 32-bit values in aligned slots, splices and duplications of
/// regions of the same file, truncations). A variant passes when reading it either succeeds or throws
/// <see cref="InvalidModelException"/>, and, when it reads, writing it succeeds or throws InvalidModelException and
/// what was written reads back. Variant <c>i</c> of seed <c>s</c> is the same on every run and machine.
/// </summary>
public sealed class ModelFuzzer
{
    // Values that stress length and offset arithmetic: sign bit, all ones, int.MaxValue, and small values.
    private static readonly uint[] s_extremes = [0xFFFFFFFF, 0x7FFFFFFF, 0x80000000, 0x80000001, 0xFFFFFFFC, 0x10000, 0xFFFF, 0, 1, 4];

    private readonly IReadOnlyList<FuzzCorpusEntry> _corpus;

    public ModelFuzzer(IReadOnlyList<FuzzCorpusEntry> corpus)
    {
        if (corpus.Count == 0)
        {
            throw new ArgumentException("the corpus is empty", nameof(corpus));
        }

        _corpus = corpus;
    }

    /// <summary>A fuzzer over the given model files.</summary>
    public static ModelFuzzer FromFiles(IEnumerable<string> paths) =>
        new(paths.Select(p => new FuzzCorpusEntry(p, File.ReadAllBytes(p))).ToArray());

    /// <summary>Runs variants 0 to <paramref name="count"/> − 1 of <paramref name="seed"/> in parallel.</summary>
    /// <param name="progress">Receives the number of variants finished, now and then.</param>
    public FuzzReport Run(int seed, int count, IProgress<int>? progress = null)
    {
        var failures = new ConcurrentBag<FuzzFailure>();
        var accepted = 0;
        var done = 0;
        Parallel.For(0, count, variant =>
        {
            var (name, mutations, bytes) = Variant(seed, variant);
            var outcome = Check(bytes, $"{name} variant {variant}");
            if (outcome.Failure is { } failure)
            {
                failures.Add(new FuzzFailure(seed, variant, name, mutations, failure));
            }
            else if (outcome.Accepted)
            {
                Interlocked.Increment(ref accepted);
            }

            if (Interlocked.Increment(ref done) % 1000 == 0)
            {
                progress?.Report(done);
            }
        });
        progress?.Report(count);
        return new FuzzReport(count, accepted, [.. failures.OrderBy(f => f.Variant)]);
    }

    /// <summary>Variant <paramref name="variant"/> of <paramref name="seed"/>: the corpus entry, the mutations applied and the bytes.</summary>
    public (string Name, string Mutations, byte[] Bytes) Variant(int seed, int variant)
    {
        var random = new Random(unchecked((seed * 1_000_003) + variant));
        var entry = _corpus[random.Next(_corpus.Count)];
        var bytes = entry.Bytes.ToArray();
        var applied = new List<string>();
        for (var m = random.Next(1, 5); m > 0; m--)
        {
            bytes = Mutate(random, bytes, applied);
        }

        return (entry.Name, string.Join(", ", applied), bytes);
    }

    private static (bool Accepted, Exception? Failure) Check(byte[] bytes, string source)
    {
        Model model;
        try
        {
            model = TfLiteReader.Read(bytes, source);
        }
        catch (InvalidModelException)
        {
            return (false, null);
        }
        catch (Exception e)
        {
            return (false, e);
        }

        try
        {
            TfLiteReader.Read(TfLiteWriter.Write(model), $"{source} (rewritten)");
        }
        catch (InvalidModelException e) when (e.Source != $"{source} (rewritten)")
        {
            // The writer may refuse a model it cannot encode, but what it writes must read back.
        }
        catch (Exception e)
        {
            return (true, e);
        }

        return (true, null);
    }

    private static byte[] Mutate(Random random, byte[] bytes, List<string> applied)
    {
        if (bytes.Length < 8)
        {
            applied.Add("none (too short)");
            return bytes;
        }

        switch (random.Next(8))
        {
            case 0:
                {
                    var bits = random.Next(1, 9);
                    for (var i = 0; i < bits; i++)
                    {
                        var position = Position(random, bytes.Length);
                        bytes[position] ^= (byte)(1 << random.Next(8));
                    }

                    applied.Add($"flip {bits} bits");
                    return bytes;
                }

            case 1:
                {
                    var position = Position(random, bytes.Length);
                    bytes[position] = random.Next(3) switch { 0 => 0xFF, 1 => 0x80, _ => (byte)random.Next(256) };
                    applied.Add($"byte at {position}");
                    return bytes;
                }

            case 2:
            case 3:
                {
                    var slot = Position(random, bytes.Length - 3) & ~3;
                    var value = random.Next(2) == 0
                        ? s_extremes[random.Next(s_extremes.Length)]
                        : BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(slot)) + (uint)random.Next(-64, 65);
                    BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(slot), value);
                    applied.Add($"uint32 0x{value:X8} at {slot}");
                    return bytes;
                }

            case 4:
                {
                    var length = random.Next(1, Math.Min(64, bytes.Length / 2));
                    var from = random.Next(bytes.Length - length);
                    var to = random.Next(bytes.Length - length);
                    Array.Copy(bytes, from, bytes, to, length);
                    applied.Add($"splice {length} bytes {from} → {to}");
                    return bytes;
                }

            case 5:
                {
                    var length = random.Next(1, Math.Min(64, bytes.Length));
                    var from = random.Next(bytes.Length - length);
                    var at = random.Next(bytes.Length);
                    applied.Add($"duplicate {length} bytes {from} at {at}");
                    return [.. bytes.AsSpan(0, at), .. bytes.AsSpan(from, length), .. bytes.AsSpan(at)];
                }

            case 6:
                {
                    var length = random.Next(bytes.Length);
                    applied.Add($"truncate to {length}");
                    return bytes[..length];
                }

            default:
                {
                    var slot = Position(random, bytes.Length - 3) & ~3;
                    var length = (uint)bytes.Length - (uint)slot + (uint)random.Next(-8, 9);
                    BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(slot), length);
                    applied.Add($"length-like 0x{length:X8} at {slot}");
                    return bytes;
                }
        }
    }

    /// <summary>A position, half the time in the first or last 4 KB where the FlatBuffer's tables usually are.</summary>
    private static int Position(Random random, int length)
    {
        const int Window = 4096;
        if (length <= 2 * Window || random.Next(2) == 0)
        {
            return random.Next(length);
        }

        var offset = random.Next(Window);
        return random.Next(2) == 0 ? offset : length - 1 - offset;
    }
}

/// <summary>A model the fuzzer mutates.</summary>
public sealed record FuzzCorpusEntry(string Name, byte[] Bytes);

/// <summary>The outcome of a fuzzing run: how many variants were tried, how many still read, and every failure.</summary>
public sealed record FuzzReport(int Variants, int Accepted, IReadOnlyList<FuzzFailure> Failures);

/// <summary>A variant that crashed the reader or the writer; (Seed, Variant) reproduces it with <see cref="ModelFuzzer.Variant"/>.</summary>
public sealed record FuzzFailure(int Seed, int Variant, string Model, string Mutations, Exception Exception)
{
    public override string ToString() => $"seed {Seed} variant {Variant} ({Model}: {Mutations}): {Exception}";
}
