namespace Mote.Data;

/// <summary>
/// A data file that cannot be read, with the file and the problem in words ("FILE: PROBLEM"), so that the CLI can
/// report it as bad input (exit code 2).
/// </summary>
public sealed class InvalidDataFileException : Exception
{
    public InvalidDataFileException(string path, string problem)
        : base($"{path}: {problem}")
    {
        Path = path;
        Problem = problem;
    }

    public string Path { get; }

    public string Problem { get; }
}
