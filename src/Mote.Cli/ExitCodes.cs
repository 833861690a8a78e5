namespace Mote.Cli;

/// <summary>Process exit codes of the CLI contract.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The job ran and failed (for example an output did not match).</summary>
    public const int JobFailed = 1;

    /// <summary>Bad usage or bad input; stderr names the file and the problem.</summary>
    public const int BadInput = 2;
}
