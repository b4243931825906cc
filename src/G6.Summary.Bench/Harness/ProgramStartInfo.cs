using System.Diagnostics;

namespace G6.Summary.Bench.Harness;

/// <summary>
/// How to start this very program (<c>dotnet g6-summary.dll …</c> from the running build's directory) as a
/// child with redirected output and a clean <c>G6_</c> environment: only the settings given apply, so an
/// operator's variables cannot change a benchmark's figures or a test's outcome.
/// </summary>
public static class ProgramStartInfo
{
    public static ProcessStartInfo Create(IEnumerable<string> arguments, IReadOnlyDictionary<string, string> settings)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(settings);
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "g6-summary.dll"));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("G6_", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(name);
        }

        // The harness's choice for its own sockets, not one the server under test should inherit.
        if (InlineSocketCompletions.SetByHarness)
        {
            info.Environment.Remove(InlineSocketCompletions.Variable);
        }

        foreach (var (name, value) in settings)
        {
            info.Environment[name] = value;
        }

        return info;
    }
}
