using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mote.Data.Synthesis;

/// <summary>
/// manifest.json of a synthesized keyword set: how it was made and what is in it. Every split lists its voices (the
/// test and validation voices never occur in training) and its number of clips per class.
/// </summary>
public sealed record KeywordSetManifest(
    ulong Seed,
    int ClipsPerClass,
    int SampleRate,
    int ClipMs,
    string Synthesizer,
    IReadOnlyList<string> Classes,
    IReadOnlyList<float> SnrDecibels,
    IReadOnlyDictionary<string, KeywordSplitManifest> Splits)
{
    public const string FileName = "manifest.json";

    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        WriteIndented = true,

        // Voice names hold '+'; keep them readable in the file.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);
}

/// <summary>One split of a keyword set: its voices and its clip count per class.</summary>
public sealed record KeywordSplitManifest(IReadOnlyList<string> Voices, IReadOnlyDictionary<string, int> Counts)
{
    [JsonIgnore]
    public int Total => Counts.Values.Sum();
}
