namespace Mote.Cli;

/// <summary>Bad usage or bad input that the CLI reports with exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
