namespace G6.Summary.Cli.Bench;

/// <summary>The build this program is: figures from a Debug build are not performance figures.</summary>
public static class BuildInfo
{
#if DEBUG
    public const string Configuration = "Debug";
#else
    public const string Configuration = "Release";
#endif
}
