namespace Squeeze.Cli;

/// <summary>The exit codes of the squeeze command.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>Bad command-line usage (System.CommandLine's own parse errors also exit with 1).</summary>
    public const int Usage = 1;

    /// <summary>An input could not be read: missing, binary or not UTF-8.</summary>
    public const int Input = 2;

    /// <summary>Compression failed, for example because the budget cannot be met.</summary>
    public const int Compression = 3;
}
