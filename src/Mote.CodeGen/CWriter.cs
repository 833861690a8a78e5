using System.Globalization;
using System.Text;

namespace Mote.CodeGen;

/// <summary>
/// Writes C text with four-space indentation in Allman style. Emitters only say what to write; line breaks,
/// indentation, comment escaping and the layout of constant arrays are decided here.
/// </summary>
public sealed class CWriter
{
    private const int ValuesPerLine = 16;

    private readonly StringBuilder _text = new();
    private int _indent;

    public CWriter(int indent = 0) => _indent = indent;

    public void Line(string text = "")
    {
        if (text.Length > 0)
        {
            _text.Append(' ', 4 * _indent).Append(text);
        }

        _text.Append('\n');
    }

    /// <summary>A one-line comment; "*/" inside it is broken so it cannot end the comment early.</summary>
    public void Comment(string text) => Line($"/* {text.Replace("*/", "* /", StringComparison.Ordinal)} */");

    /// <summary>Opens a brace block; disposing the result closes it (with <paramref name="suffix"/>, e.g. ";").</summary>
    public IDisposable Block(string suffix = "")
    {
        Line("{");
        _indent++;
        return new Closer(this, suffix);
    }

    /// <summary>A constant array definition, <paramref name="ValuesPerLine"/> values per line.</summary>
    public void Array(string declaration, IReadOnlyList<string> values)
    {
        Line($"{declaration}[{values.Count}] =");
        using (Block(";"))
        {
            for (int i = 0; i < values.Count; i += ValuesPerLine)
            {
                Line(string.Join(", ", values.Skip(i).Take(ValuesPerLine)) + ",");
            }
        }
    }

    public void Array(string declaration, IEnumerable<long> values) =>
        Array(declaration, values.Select(v => v.ToString(CultureInfo.InvariantCulture)).ToList());

    /// <summary>A struct initializer with C99 designated fields, one per line.</summary>
    public void Struct(string declaration, IEnumerable<(string Field, string Value)> fields)
    {
        Line($"{declaration} =");
        using (Block(";"))
        {
            foreach ((string field, string value) in fields)
            {
                Line($".{field} = {value},");
            }
        }
    }

    public void Append(CWriter other) => _text.Append(other._text);

    public override string ToString() => _text.ToString();

    private sealed class Closer(CWriter writer, string suffix) : IDisposable
    {
        public void Dispose()
        {
            writer._indent--;
            writer.Line("}" + suffix);
        }
    }
}
