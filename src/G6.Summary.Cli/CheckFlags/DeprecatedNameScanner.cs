using System.Collections.Frozen;
using System.Text;
using System.Text.RegularExpressions;
using G6.Summary.Configuration;

namespace G6.Summary.Cli.CheckFlags;

/// <summary>
/// Finds deprecated <c>G6_</c> names in source, scripts, docs and deployment files, so CI can prove
/// that nothing still sets or reads them (Phase 6 work item S6-12).
/// </summary>
public static partial class DeprecatedNameScanner
{
    /// <summary>Files larger than this are skipped: they are generated data or archives, not configuration.</summary>
    public const long MaxFileBytes = 4 * 1024 * 1024;

    /// <summary>How much of a file is checked for a NUL byte to decide it is binary (the same rule git uses).</summary>
    public const int BinaryProbeBytes = 8 * 1024;

    /// <summary>
    /// Files allowed to spell the deprecated names, matched as path suffixes: the operator docs that explain
    /// them and the table that defines them.
    /// </summary>
    public static IReadOnlyList<string> DefaultExemptSuffixes { get; } =
    [
        DeprecatedSettings.DocsPath,
        "src/G6.Summary/Configuration/DeprecatedSettings.cs",
    ];

    // Version control, build output, dependencies and test/CI output: none of it is ours to fix,
    // and build output holds copies of the exempt table. `.git` is also a file in a git worktree.
    private static readonly FrozenSet<string> SkippedNames =
        FrozenSet.ToFrozenSet([".git", "bin", "obj", "node_modules", "TestResults", "artifacts"], StringComparer.Ordinal);

    private static readonly EnumerationOptions ListOneLevel = new()
    {
        RecurseSubdirectories = false,
        // The default skips hidden entries, which on Unix means every dot-folder; `.github/workflows`
        // is exactly where CI sets environment variables, so nothing is skipped by attribute.
        AttributesToSkip = FileAttributes.None,
        IgnoreInaccessible = true,
    };

    /// <summary>
    /// Scans <paramref name="paths"/> (files, or directories walked recursively) for whole-token uses of
    /// the names in <see cref="DeprecatedSettings.All"/>.
    /// </summary>
    /// <param name="paths">Files or directories; relative paths are taken relative to <paramref name="root"/>.
    /// A file named explicitly is scanned even inside a skipped folder; exemptions still apply to it.</param>
    /// <param name="root">Findings are reported relative to this directory.</param>
    /// <param name="extraExemptSuffixes">More path suffixes (e.g. <c>CHANGELOG.md</c>) to exempt, matched on whole path segments.</param>
    /// <exception cref="FileNotFoundException">A path is neither a file nor a directory.</exception>
    public static DeprecatedNameScanResult Scan(
        IEnumerable<string> paths,
        string root,
        IEnumerable<string>? extraExemptSuffixes = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentException.ThrowIfNullOrEmpty(root);

        var fullRoot = Path.GetFullPath(root);
        var exemptSuffixes = DefaultExemptSuffixes
            .Concat(extraExemptSuffixes ?? [])
            .Select(NormalizeSuffix)
            .Where(s => s.Length > 0)
            .ToArray();

        // A set of full paths: overlapping arguments (". src") must not scan or report a file twice.
        var files = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            var fullPath = Path.GetFullPath(path, fullRoot);
            if (File.Exists(fullPath))
            {
                files.Add(fullPath);
            }
            else if (Directory.Exists(fullPath))
            {
                CollectFiles(new DirectoryInfo(fullPath), files);
            }
            else
            {
                throw new FileNotFoundException("Path to scan does not exist.", path);
            }
        }

        var findings = new List<DeprecatedNameFinding>();
        var unreadable = new List<string>();
        var scanned = 0;
        foreach (var file in files)
        {
            if (IsExempt(file, exemptSuffixes))
            {
                continue;
            }

            var relative = Path.GetRelativePath(fullRoot, file).Replace('\\', '/');
            var text = TryReadText(file, out var readable);
            if (!readable)
            {
                unreadable.Add(relative);
            }
            else if (text is not null)
            {
                scanned++;
                FindIn(text, relative, findings);
            }
        }

        findings.Sort(static (a, b) =>
        {
            var byPath = string.CompareOrdinal(a.Path, b.Path);
            if (byPath != 0)
            {
                return byPath;
            }

            var byLine = a.Line.CompareTo(b.Line);
            return byLine != 0 ? byLine : string.CompareOrdinal(a.Setting.Name, b.Setting.Name);
        });
        unreadable.Sort(StringComparer.Ordinal);

        return new DeprecatedNameScanResult(findings, scanned, unreadable);
    }

    private static void CollectFiles(DirectoryInfo start, HashSet<string> files)
    {
        var pending = new Stack<DirectoryInfo>();
        pending.Push(start);
        while (pending.TryPop(out var directory))
        {
            foreach (var entry in directory.EnumerateFileSystemInfos("*", ListOneLevel))
            {
                if (SkippedNames.Contains(entry.Name))
                {
                    continue;
                }

                if (entry is DirectoryInfo subdirectory)
                {
                    // Linked directories are not followed: a link back up the tree would loop forever,
                    // and a link elsewhere is outside what the caller asked to scan.
                    if (subdirectory.LinkTarget is null)
                    {
                        pending.Push(subdirectory);
                    }
                }
                else
                {
                    files.Add(entry.FullName);
                }
            }
        }
    }

    /// <summary>
    /// The file's text; null when it is binary or too large to be configuration.
    /// <paramref name="readable"/> is false when it could not be read at all.
    /// </summary>
    private static string? TryReadText(string file, out bool readable)
    {
        readable = true;
        try
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (stream.Length > MaxFileBytes)
            {
                return null;
            }

            // Read up to one byte past the limit so a file that grew after the length check is still caught.
            var buffer = new byte[stream.Length + 1];
            var length = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            if (length > MaxFileBytes)
            {
                return null;
            }

            var bytes = buffer.AsSpan(0, length);
            if (bytes[..Math.Min(length, BinaryProbeBytes)].Contains((byte)0))
            {
                return null;
            }

            // Invalid UTF-8 becomes U+FFFD; the names are ASCII, so Latin-1 and similar files are still searched.
            return Encoding.UTF8.GetString(bytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            readable = false;
            return null;
        }
    }

    private static void FindIn(string text, string relativePath, List<DeprecatedNameFinding> findings)
    {
        var line = 1;
        var counted = 0;
        var seen = new HashSet<(int Line, string Name)>();
        foreach (var match in Token().EnumerateMatches(text))
        {
            // Matches come in order, so line numbers are counted incrementally rather than per match from the start.
            line += text.AsSpan(counted, match.Index - counted).Count('\n');
            counted = match.Index;

            var name = text.Substring(match.Index, match.Length);
            if (DeprecatedSettings.Find(name) is { } setting && seen.Add((line, name)))
            {
                findings.Add(new DeprecatedNameFinding(relativePath, line, setting));
            }
        }
    }

    private static bool IsExempt(string fullPath, string[] suffixes)
    {
        var normalized = fullPath.Replace('\\', '/');
        foreach (var suffix in suffixes)
        {
            // Whole segments only: "docs/X.md" must not exempt "mydocs/X.md".
            if (normalized.Equals(suffix, StringComparison.Ordinal)
                || (normalized.EndsWith(suffix, StringComparison.Ordinal)
                    && normalized[normalized.Length - suffix.Length - 1] == '/'))
            {
                return true;
            }
        }

        return false;
    }

    private static string NormalizeSuffix(string suffix)
    {
        var normalized = suffix.Replace('\\', '/');
        while (normalized.StartsWith("./", StringComparison.Ordinal))
        {
            normalized = normalized[2..];
        }

        return normalized.TrimStart('/');
    }

    // A whole token: not preceded or followed by a letter, digit or underscore, so a longer name that merely
    // contains a deprecated one (or is contained in one) is not a finding. Exact comparison happens afterwards.
    [GeneratedRegex("(?<![A-Za-z0-9_])G6_[A-Z0-9_]+(?![A-Za-z0-9_])", RegexOptions.CultureInvariant)]
    private static partial Regex Token();
}
