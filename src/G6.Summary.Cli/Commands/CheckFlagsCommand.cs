using System.CommandLine;
using G6.Summary.Cli.CheckFlags;

namespace G6.Summary.Cli.Commands;

/// <summary>
/// <c>g6-summary check-flags [PATH...]</c>: fails CI while any file still uses a deprecated <c>G6_</c> name.
/// </summary>
public static class CheckFlagsCommand
{
    /// <summary>Exit code when no deprecated name was found.</summary>
    public const int ExitClean = 0;

    /// <summary>Exit code when at least one deprecated name was found.</summary>
    public const int ExitFindings = 1;

    /// <summary>Exit code when a path could not be scanned; distinct from findings so CI can tell a typo from a real hit.</summary>
    public const int ExitBadPath = 2;

    public static Command Create()
    {
        var paths = new Argument<string[]>("PATH")
        {
            Description = "Files or directories to scan (default: the current directory).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var root = new Option<string>("--root")
        {
            Description = "Directory that reported paths are relative to (default: the current directory).",
        };
        var exempt = new Option<string[]>("--exempt")
        {
            Description = "Extra path suffix allowed to mention deprecated names (repeatable), e.g. CHANGELOG.md.",
        };

        var command = new Command("check-flags", "Report files that still use deprecated G6_ configuration names.");
        command.Arguments.Add(paths);
        command.Options.Add(root);
        command.Options.Add(exempt);
        command.SetAction(result => Run(result, paths, root, exempt));
        return command;
    }

    private static int Run(ParseResult result, Argument<string[]> pathsArgument, Option<string> rootOption, Option<string[]> exemptOption)
    {
        var output = result.InvocationConfiguration.Output;
        var error = result.InvocationConfiguration.Error;

        string[] paths = result.GetValue(pathsArgument) is { Length: > 0 } given ? given : ["."];
        var root = result.GetValue(rootOption) is { Length: > 0 } rootValue ? rootValue : ".";

        // Every argument is checked before scanning so one run names every typo, not just the first.
        var missing = paths.Where(p => !File.Exists(p) && !Directory.Exists(p)).ToList();
        if (!Directory.Exists(root))
        {
            missing.Insert(0, root);
        }

        foreach (var path in missing)
        {
            error.WriteLine($"check-flags: path not found: {path}");
        }

        if (missing.Count > 0)
        {
            return ExitBadPath;
        }

        DeprecatedNameScanResult scan;
        try
        {
            // Paths are resolved against the current directory, as a shell user expects, before the scanner sees them.
            scan = DeprecatedNameScanner.Scan(
                paths.Select(p => Path.GetFullPath(p)),
                Path.GetFullPath(root),
                result.GetValue(exemptOption));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A path vanished or became unreadable between the check above and the walk. One line, no exception text.
            error.WriteLine("check-flags: a path could not be scanned; it may have been moved or deleted during the scan");
            return ExitBadPath;
        }

        foreach (var file in scan.UnreadableFiles)
        {
            error.WriteLine($"check-flags: could not read {file}; not scanned");
        }

        foreach (var finding in scan.Findings)
        {
            output.WriteLine(finding.ToString());
        }

        if (scan.Findings.Count == 0)
        {
            output.WriteLine($"check-flags: no deprecated names in {scan.FilesScanned} file(s) scanned");
            return ExitClean;
        }

        output.WriteLine($"check-flags: {scan.Findings.Count} finding(s) in {scan.FilesScanned} file(s) scanned");
        return ExitFindings;
    }
}
