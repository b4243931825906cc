namespace G6.Summary.Bench.Harness;

/// <summary>The build this program is: figures from a Debug build are not performance figures.</summary>
public static class BuildInfo
{
    public static string Configuration { get; } = IsDebug ? "Debug" : "Release";

#if DEBUG
    private const bool IsDebug = true;
#else
    private const bool IsDebug = false;
#endif
}
