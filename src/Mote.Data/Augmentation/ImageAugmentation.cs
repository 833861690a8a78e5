using System.Buffers;

namespace Mote.Data.Augmentation;

/// <summary>
/// Shifts and mirror flips for [height, width, channels] images: the image moves by up to <see cref="MaxShift"/>
/// pixels each way (the uncovered border becomes 0, the value of a blank background after normalisation to [0, 1])
/// and, when <see cref="HorizontalFlip"/> is set, is mirrored left to right with probability one half.
/// </summary>
public sealed record ImageAugmentation(int MaxShift, bool HorizontalFlip) : IAugmentation
{
    public void Apply(Span<float> item, ReadOnlySpan<int> itemShape, SeededRandom random)
    {
        if (itemShape is not [var height, var width, var channels] || item.Length != height * width * channels)
        {
            throw new ArgumentException($"image augmentation needs [height, width, channels] items, not [{string.Join(", ", itemShape.ToArray())}]", nameof(itemShape));
        }

        // Draw in a fixed order whatever the options, so that turning one on does not change the other's draws.
        var dy = random.NextInt32(2 * MaxShift + 1) - MaxShift;
        var dx = random.NextInt32(2 * MaxShift + 1) - MaxShift;
        var flip = random.NextSingle() < 0.5f && HorizontalFlip;
        if (dy == 0 && dx == 0 && !flip)
        {
            return;
        }

        var copy = ArrayPool<float>.Shared.Rent(item.Length);
        try
        {
            var source = copy.AsSpan(0, item.Length);
            item.CopyTo(source);
            for (var y = 0; y < height; y++)
            {
                var sourceY = y - dy;
                for (var x = 0; x < width; x++)
                {
                    var sourceX = (flip ? width - 1 - x : x) - dx;
                    var target = item.Slice((y * width + x) * channels, channels);
                    if (sourceY < 0 || sourceY >= height || sourceX < 0 || sourceX >= width)
                    {
                        target.Clear();
                    }
                    else
                    {
                        source.Slice((sourceY * width + sourceX) * channels, channels).CopyTo(target);
                    }
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(copy);
        }
    }
}
