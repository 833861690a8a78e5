namespace Mote.Graph;

/// <summary>
/// A model (or other input) that cannot be used, with the file it came from and the problem in words.
/// The CLI turns it into exit code 2 and one message: "<c>FILE: PROBLEM</c>".
/// </summary>
public sealed class InvalidModelException : Exception
{
    public InvalidModelException(string source, string problem)
        : base($"{source}: {problem}")
    {
        Source = source;
        Problem = problem;
    }

    /// <summary>The file (or other input name) the model came from.</summary>
    public new string Source { get; }

    public string Problem { get; }
}
