using System.Text.Json;

namespace Mote.Analysis;

/// <summary>The one JSON shape of analysis results: snake_case, indented, nulls written so every field is always present.</summary>
internal static class AnalysisJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            WriteIndented = true,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
