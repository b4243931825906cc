using System.Text;
using G6.Summary.Cli.CheckFlags;
using G6.Summary.Configuration;

namespace G6.Summary.Tests.CheckFlags;

// Deprecated names are taken from the table, never written out: this file is scanned like any other.
public sealed class DeprecatedNameScannerTests : IDisposable
{
    private static readonly DeprecatedSetting Sse = DeprecatedSettings.All.Single(s => s.Replacement == "G6_SSE_HTTP");
    private static readonly DeprecatedSetting Resync = DeprecatedSettings.All.Single(s => s.Replacement == "G6_DISABLE_RESYNC_HTTP");
    private static readonly DeprecatedSetting AlwaysOn = DeprecatedSettings.All.First(s => s.IsAlwaysOn);

    private readonly string _root = Directory.CreateTempSubdirectory("g6-flags-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Scan_Tokens_OnlyWholeExactNamesAreFindings()
    {
        var name = Sse.Name;
        Write("config.env",
            $"{name}=0",               // 1: finding
            $"{name}_X=0",             // 2: longer name
            $"X{name}=0",              // 3: longer name
            $"x{name}=0",              // 4: longer name
            $"{name}x=0",              // 5: longer name
            "export A=${" + name + "}", // 6: finding
            $"env[\"{name}\"]",        // 7: finding
            name.ToLowerInvariant(),   // 8: different name
            $"{name} {name}",          // 9: one finding per name per line
            $"{name}-{Resync.Name}");  // 10: two findings

        var result = Scan(".");

        Assert.Equal(
            [
                $"config.env:1: {name} is deprecated (replacement: G6_SSE_HTTP)",
                $"config.env:6: {name} is deprecated (replacement: G6_SSE_HTTP)",
                $"config.env:7: {name} is deprecated (replacement: G6_SSE_HTTP)",
                $"config.env:9: {name} is deprecated (replacement: G6_SSE_HTTP)",
                $"config.env:10: {name} is deprecated (replacement: G6_SSE_HTTP)",
                $"config.env:10: {Resync.Name} is deprecated (replacement: G6_DISABLE_RESYNC_HTTP)",
            ],
            Lines(result));
        Assert.Equal(1, result.FilesScanned);
    }

    [Fact]
    public void Scan_AlwaysOnName_ReportsAlwaysOn()
    {
        Write("a.sh", $"export {AlwaysOn.Name}=1");

        var finding = Assert.Single(Scan(".").Findings);

        Assert.Equal($"a.sh:1: {AlwaysOn.Name} is deprecated (always on)", finding.ToString());
        Assert.Same(AlwaysOn, finding.Setting);
    }

    [Fact]
    public void Scan_CrlfAndLfLineEndings_LineNumbersCount()
    {
        File.WriteAllText(Path.Combine(_root, "crlf.txt"), $"a\r\nb\r\n\r\n{Sse.Name}\r\n");

        Assert.Equal([$"crlf.txt:4: {Sse.Name} is deprecated (replacement: G6_SSE_HTTP)"], Lines(Scan(".")));
    }

    [Fact]
    public void Scan_EveryTableName_IsFound()
    {
        Write("all.txt", [.. DeprecatedSettings.All.Select(s => s.Name)]);

        var findings = Scan(".").Findings;

        Assert.Equal(DeprecatedSettings.All, findings.Select(f => f.Setting));
        Assert.Equal(Enumerable.Range(1, DeprecatedSettings.All.Count), findings.Select(f => f.Line));
    }

    [Fact]
    public void Scan_DefaultExemptions_DocsAndTableFileAreNotScanned()
    {
        Write("docs/DEPRECATIONS.md", Sse.Name);
        Write("src/G6.Summary/Configuration/DeprecatedSettings.cs", Sse.Name);
        Write("mydocs/DEPRECATIONS.md", Sse.Name);
        Write("docs/DEPRECATIONS.md.bak", Sse.Name);
        Write("src/G6.Summary/Configuration/OtherSettings.cs", Sse.Name);

        var result = Scan(".");

        Assert.Equal(
            ["docs/DEPRECATIONS.md.bak", "mydocs/DEPRECATIONS.md", "src/G6.Summary/Configuration/OtherSettings.cs"],
            result.Findings.Select(f => f.Path));
        Assert.Equal(3, result.FilesScanned);
    }

    [Fact]
    public void Scan_ExtraExemptSuffixes_AnySeparatorWholeSegments()
    {
        Write("CHANGELOG.md", Sse.Name);
        Write("deploy/old.env", Sse.Name);
        Write("deploy/bold.env", Sse.Name);
        Write("deploy/new.env", Sse.Name);

        var result = DeprecatedNameScanner.Scan([_root], _root, ["./CHANGELOG.md", "deploy\\old.env", "/old.env"]);

        Assert.Equal(["deploy/bold.env", "deploy/new.env"], result.Findings.Select(f => f.Path));
    }

    [Theory]
    [InlineData(".git")]
    [InlineData("bin")]
    [InlineData("obj")]
    [InlineData("node_modules")]
    [InlineData("TestResults")]
    [InlineData("artifacts")]
    public void Scan_SkippedFolder_NotWalkedAtAnyDepth(string folder)
    {
        Write($"{folder}/a.txt", Sse.Name);
        Write($"src/{folder}/deeper/b.txt", Sse.Name);
        Write($"src/{folder}x/c.txt", Sse.Name);

        var result = Scan(".");

        Assert.Equal([$"src/{folder}x/c.txt"], result.Findings.Select(f => f.Path));
        Assert.Equal(1, result.FilesScanned);
    }

    [Fact]
    public void Scan_DotFolders_AreWalked()
    {
        Write(".github/workflows/ci.yml", $"env: {{ {Sse.Name}: 0 }}");

        Assert.Equal([".github/workflows/ci.yml"], Scan(".").Findings.Select(f => f.Path));
    }

    [Fact]
    public void Scan_GitFileOfAWorktree_Skipped()
    {
        Write(".git", $"gitdir: /elsewhere/{Sse.Name}");

        var result = Scan(".");

        Assert.Empty(result.Findings);
        Assert.Equal(0, result.FilesScanned);
    }

    [Fact]
    public void Scan_ExplicitFileInSkippedFolder_IsScanned()
    {
        Write("bin/run.sh", Sse.Name);

        Assert.Equal(["bin/run.sh"], Scan("bin/run.sh").Findings.Select(f => f.Path));
    }

    [Fact]
    public void Scan_NulInFirst8K_SkippedAsBinary()
    {
        var bytes = Encoding.ASCII.GetBytes($"{Sse.Name}\n\0");
        File.WriteAllBytes(Path.Combine(_root, "image.bin"), bytes);

        var result = Scan(".");

        Assert.Empty(result.Findings);
        Assert.Equal(0, result.FilesScanned);
    }

    [Fact]
    public void Scan_NulAfterFirst8K_ScannedAsText()
    {
        var text = new string('a', DeprecatedNameScanner.BinaryProbeBytes) + "\0\n" + Sse.Name;
        File.WriteAllBytes(Path.Combine(_root, "late-nul.txt"), Encoding.ASCII.GetBytes(text));

        Assert.Equal([$"late-nul.txt:2: {Sse.Name} is deprecated (replacement: G6_SSE_HTTP)"], Lines(Scan(".")));
    }

    [Fact]
    public void Scan_FileOverLimit_SkippedAtLimitScanned()
    {
        WriteSized("at-limit.txt", DeprecatedNameScanner.MaxFileBytes);
        WriteSized("over-limit.txt", DeprecatedNameScanner.MaxFileBytes + 1);

        var result = Scan(".");

        Assert.Equal(["at-limit.txt"], result.Findings.Select(f => f.Path));
        Assert.Equal(1, result.FilesScanned);
    }

    [Fact]
    public void Scan_ManyFiles_RelativeSlashPathsSortedAndRepeatable()
    {
        Write("z.txt", Sse.Name);
        Write("a/b/c.txt", "x", Resync.Name, Sse.Name);
        Write("a/B.txt", AlwaysOn.Name);
        Write("a.txt", "", "", Sse.Name);
        Write("a/b/c2.txt", $"{Sse.Name} {Resync.Name}");

        var first = Lines(Scan("."));
        var second = Lines(Scan("."));

        Assert.Equal(
            [
                $"a.txt:3: {Sse.Name} is deprecated (replacement: G6_SSE_HTTP)",
                $"a/B.txt:1: {AlwaysOn.Name} is deprecated (always on)",
                $"a/b/c.txt:2: {Resync.Name} is deprecated (replacement: G6_DISABLE_RESYNC_HTTP)",
                $"a/b/c.txt:3: {Sse.Name} is deprecated (replacement: G6_SSE_HTTP)",
                // Same line: ordered by name, ordinal.
                $"a/b/c2.txt:1: {Sse.Name} is deprecated (replacement: G6_SSE_HTTP)",
                $"a/b/c2.txt:1: {Resync.Name} is deprecated (replacement: G6_DISABLE_RESYNC_HTTP)",
                $"z.txt:1: {Sse.Name} is deprecated (replacement: G6_SSE_HTTP)",
            ],
            first);
        Assert.Equal(first, second);
    }

    [Fact]
    public void Scan_MultipleOverlappingPaths_EachFileOnce()
    {
        Write("src/a.txt", Sse.Name);
        Write("docs/b.md", Sse.Name);
        Write("other/c.txt", Sse.Name);

        var result = DeprecatedNameScanner.Scan(["src", "docs/b.md", ".", "src/a.txt"], _root);

        Assert.Equal(["docs/b.md", "other/c.txt", "src/a.txt"], result.Findings.Select(f => f.Path));
        Assert.Equal(3, result.FilesScanned);
    }

    [Fact]
    public void Scan_TwoPathsOutsideEachOther_OnlyThoseScanned()
    {
        Write("src/a.txt", Sse.Name);
        Write("docs/b.md", Sse.Name);
        Write("other/c.txt", Sse.Name);

        var result = DeprecatedNameScanner.Scan(
            [Path.Combine(_root, "docs"), Path.Combine(_root, "src")],
            _root);

        Assert.Equal(["docs/b.md", "src/a.txt"], result.Findings.Select(f => f.Path));
    }

    [Fact]
    public void Scan_RootAboveScannedPath_PathsRelativeToRoot()
    {
        Write("deploy/k8s/api.yaml", Sse.Name);

        var result = DeprecatedNameScanner.Scan([Path.Combine(_root, "deploy", "k8s")], _root);

        Assert.Equal(["deploy/k8s/api.yaml"], result.Findings.Select(f => f.Path));
    }

    [Fact]
    public void Scan_DirectoryLinkToAncestor_NotFollowed()
    {
        Write("sub/a.txt", Sse.Name);
        try
        {
            Directory.CreateSymbolicLink(Path.Combine(_root, "sub", "loop"), _root);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return; // Platforms that forbid links cannot have the loop either.
        }

        var result = Scan(".");

        Assert.Equal(["sub/a.txt"], result.Findings.Select(f => f.Path));
        Assert.Empty(result.UnreadableFiles);
    }

    [Fact]
    public void Scan_MissingPath_Throws()
    {
        Assert.Throws<FileNotFoundException>(() => Scan("does-not-exist"));
    }

    [Fact]
    public void Scan_EmptyDirectory_NothingScanned()
    {
        var result = Scan(".");

        Assert.Empty(result.Findings);
        Assert.Equal(0, result.FilesScanned);
        Assert.Empty(result.UnreadableFiles);
    }

    [Fact]
    public void Scan_Repository_HasNoDeprecatedNamesOutsideTheExemptFiles()
    {
        var root = G6.Summary.Tests.Configuration.DeprecatedSettingsTests.RepoRoot();

        var result = DeprecatedNameScanner.Scan([root], root);

        Assert.Empty(Lines(result));
        Assert.True(result.FilesScanned > 10, $"only {result.FilesScanned} files scanned");
    }

    private DeprecatedNameScanResult Scan(string path) => DeprecatedNameScanner.Scan([path], _root);

    private static string[] Lines(DeprecatedNameScanResult result) => [.. result.Findings.Select(f => f.ToString())];

    private void Write(string relativePath, params string[] lines)
    {
        var path = Path.Combine(_root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, string.Join('\n', lines) + "\n");
    }

    /// <summary>A file of exactly <paramref name="size"/> bytes that mentions a deprecated name on its first line.</summary>
    private void WriteSized(string relativePath, long size)
    {
        var head = Encoding.ASCII.GetBytes(Sse.Name + "\n");
        var bytes = new byte[size];
        Array.Fill(bytes, (byte)'a');
        head.CopyTo(bytes, 0);
        File.WriteAllBytes(Path.Combine(_root, relativePath), bytes);
    }
}
