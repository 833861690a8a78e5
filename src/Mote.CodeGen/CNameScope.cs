using System.Text;

namespace Mote.CodeGen;

/// <summary>
/// The one place that hands out C identifiers for a generated file: names are made valid (lower case letters,
/// digits and underscores, never starting with a digit) and unique, so that tensor names like "conv/Relu;1" or two
/// layers with the same name still give distinct, legal identifiers.
/// </summary>
public sealed class CNameScope
{
    private readonly HashSet<string> _taken = new(StringComparer.Ordinal);

    /// <summary>Marks names the generator uses itself (the arena, the entry point) so that no hint can take them.</summary>
    public void Reserve(string name) => _taken.Add(name);

    /// <summary>A fresh identifier derived from <paramref name="hint"/>: the hint itself when free, else hint_2, hint_3, ...</summary>
    public string Unique(string hint)
    {
        var name = Sanitize(hint);
        var candidate = name;
        for (int i = 2; !_taken.Add(candidate); i++)
        {
            candidate = $"{name}_{i}";
        }

        return candidate;
    }

    /// <summary>A valid C identifier close to <paramref name="text"/>: runs of other characters become one underscore.</summary>
    public static string Sanitize(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (char c in text.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[^1] != '_')
            {
                builder.Append('_');
            }
        }

        var name = builder.ToString().Trim('_');
        return name.Length == 0 ? "x" : char.IsAsciiDigit(name[0]) ? "_" + name : name;
    }
}
