using Mote.Data.Augmentation;

namespace Mote.Data.Tests;

public sealed class ImageAugmentationTests
{
    // A 3×4 image with 2 channels whose values name their pixel: 10·y + x, and the negative in channel 1.
    private static float[] Image()
    {
        var image = new float[3 * 4 * 2];
        for (var y = 0; y < 3; y++)
        {
            for (var x = 0; x < 4; x++)
            {
                image[(y * 4 + x) * 2] = 10 * y + x;
                image[(y * 4 + x) * 2 + 1] = -(10 * y + x);
            }
        }

        return image;
    }

    [Fact]
    public void Every_result_is_the_image_moved_by_at_most_the_shift_or_mirrored_with_blank_borders()
    {
        var random = new SeededRandom(3);
        var seen = new HashSet<(int, int, bool)>();
        for (var trial = 0; trial < 400; trial++)
        {
            var image = Image();
            new ImageAugmentation(1, HorizontalFlip: true).Apply(image, [3, 4, 2], random);
            seen.Add(Explain(image));
        }

        // 3 × 3 shifts, each flipped or not: every combination turns up.
        Assert.Equal(18, seen.Count);
    }

    [Fact]
    public void Without_options_it_changes_nothing()
    {
        var image = Image();
        new ImageAugmentation(0, HorizontalFlip: false).Apply(image, [3, 4, 2], new SeededRandom(1));
        Assert.Equal(Image(), image);
    }

    [Fact]
    public void The_same_generator_state_gives_the_same_images()
    {
        float[] Run(ulong seed)
        {
            var image = Image();
            new ImageAugmentation(2, HorizontalFlip: true).Apply(image, [3, 4, 2], new SeededRandom(seed));
            return image;
        }

        Assert.Equal(Run(11), Run(11));
    }

    [Fact]
    public void Items_that_are_not_images_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new ImageAugmentation(1, false).Apply(new float[10], [10], new SeededRandom(1)));
        Assert.Contains("[height, width, channels]", error.Message);
    }

    // Finds the shift and flip that produced an augmented image, checking every pixel against it.
    private static (int Dy, int Dx, bool Flip) Explain(float[] image)
    {
        foreach (var flip in new[] { false, true })
        {
            for (var dy = -1; dy <= 1; dy++)
            {
                for (var dx = -1; dx <= 1; dx++)
                {
                    if (Matches(image, dy, dx, flip))
                    {
                        return (dy, dx, flip);
                    }
                }
            }
        }

        throw new Xunit.Sdk.XunitException($"not a shifted or mirrored image: [{string.Join(", ", image)}]");
    }

    private static bool Matches(float[] image, int dy, int dx, bool flip)
    {
        for (var y = 0; y < 3; y++)
        {
            for (var x = 0; x < 4; x++)
            {
                var sourceY = y - dy;
                var sourceX = (flip ? 3 - x : x) - dx;
                var inside = sourceY is >= 0 and < 3 && sourceX is >= 0 and < 4;
                var expected = inside ? 10 * sourceY + sourceX : 0f;
                if (image[(y * 4 + x) * 2] != expected || image[(y * 4 + x) * 2 + 1] != -expected)
                {
                    return false;
                }
            }
        }

        return true;
    }
}
