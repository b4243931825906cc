using G6.Summary.Configuration;
namespace G6.Summary.Cli.CheckFlags;

/// <summary>One use of a deprecated <c>G6_</c> name found by <see cref="DeprecatedNameScanner"/>.</summary>
/// <param name="Path">The file, relative to the scan root, with <c>/</c> separators on every platform.</param>
/// <param name="Line">1-based line number.</param>
/// <param name="Setting">The table entry of the name that was found.</param>
public sealed record DeprecatedNameFinding(string Path, int Line, DeprecatedSetting Setting)
{
    /// <summary>The report line: <c>path:line: NAME is deprecated (replacement: X)</c> or <c>(always on)</c>.</summary>
    public override string ToString()
    {
        var instead = Setting.Replacement is null ? "always on" : $"replacement: {Setting.Replacement}";
        return $"{Path}:{Line}: {Setting.Name} is deprecated ({instead})";
    }
}
