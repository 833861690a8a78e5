namespace Mote.Data.Synthesis;

/// <summary>
/// The twelve classes of the Speech Commands keyword-spotting task (as in MLPerf Tiny): ten keywords, "unknown" (any
/// other word) and "silence" (background only), and the voices espeak-ng speaks them with.
/// </summary>
public static class KeywordVocabulary
{
    public const string Unknown = "unknown";
    public const string Silence = "silence";

    public static readonly string[] Keywords = ["yes", "no", "up", "down", "left", "right", "on", "off", "stop", "go"];

    /// <summary>The other words of Speech Commands, spoken for the "unknown" class and the babble noise.</summary>
    public static readonly string[] OtherWords =
    [
        "bed", "bird", "cat", "dog", "eight", "five", "four", "happy", "house", "marvin", "nine", "one", "seven",
        "sheila", "six", "three", "tree", "two", "wow", "zero", "learn", "follow", "forward", "backward", "visual",
    ];

    /// <summary>Class names in label order: the keywords, then unknown, then silence.</summary>
    public static readonly string[] Classes = [.. Keywords, Unknown, Silence];

    /// <summary>espeak-ng's English accents (its built-in voices, not the optional MBROLA ones).</summary>
    public static readonly string[] Accents =
    [
        "en-us", "en-gb", "en-gb-scotland", "en-gb-x-rp", "en-gb-x-gbclan", "en-gb-x-gbcwmd", "en-029", "en-us-nyc",
    ];

    /// <summary>espeak-ng voice variants (vocal tract, pitch range, Klatt synthesis), combined with every accent.</summary>
    public static readonly string[] Variants =
    [
        "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "f1", "f2", "f3", "f4", "f5",
        "klatt", "klatt2", "klatt3", "klatt4", "klatt5", "klatt6",
        "grandma", "grandpa", "Andy", "Annie", "Denis", "steph", "edward", "aunty", "Lee", "john", "max", "linda", "rob", "zac",
    ];

    /// <summary>Every accent with every variant, as espeak-ng's -v argument ("en-gb-scotland+f3").</summary>
    public static IReadOnlyList<string> Voices { get; } = [.. Accents.SelectMany(a => Variants.Select(v => $"{a}+{v}"))];
}
