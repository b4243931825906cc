using System.CommandLine;
using G6.Summary.Cli.Commands;
using G6.Summary.Configuration;

namespace G6.Summary.Tests.Cli;

// Runs the command object in-process, the way Program.cs will host it, against a temporary tree.
// The class runs alone: one test changes the process-wide current directory.
[Collection(CurrentDirectoryCollection.Name)]
public sealed class CheckFlagsCommandTests : IDisposable
{
    [CollectionDefinition(Name, DisableParallelization = true)]
    public sealed class CurrentDirectoryCollection
    {
        public const string Name = "current directory";
    }

    private static readonly DeprecatedSetting Sse = DeprecatedSettings.All.Single(s => s.Replacement == "G6_SSE_HTTP");
    private static readonly DeprecatedSetting AlwaysOn = DeprecatedSettings.All.First(s => s.IsAlwaysOn);

    private readonly string _root = Directory.CreateTempSubdirectory("g6-check-flags-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Invoke_CleanTree_ExitsZeroWithSummaryLine()
    {
        Write("a.txt", "G6_SSE_HTTP=0");
        Write("b.txt", "nothing here");

        var (exit, stdout, stderr) = Run("check-flags", _root, "--root", _root);

        Assert.Equal(CheckFlagsCommand.ExitClean, exit);
        Assert.Equal(["check-flags: no deprecated names in 2 file(s) scanned"], stdout);
        Assert.Empty(stderr);
    }

    [Fact]
    public void Invoke_Findings_PrintsEachThenSummaryAndExitsOne()
    {
        Write("deploy/api.env", "A=1", $"{AlwaysOn.Name}=1");
        Write("run.sh", $"export {Sse.Name}=0");
        Write("ok.txt", "fine");

        var (exit, stdout, stderr) = Run("check-flags", _root, "--root", _root);

        Assert.Equal(CheckFlagsCommand.ExitFindings, exit);
        Assert.Equal(
            [
                $"deploy/api.env:2: {AlwaysOn.Name} is deprecated (always on)",
                $"run.sh:1: {Sse.Name} is deprecated (replacement: G6_SSE_HTTP)",
                "check-flags: 2 finding(s) in 3 file(s) scanned",
            ],
            stdout);
        Assert.Empty(stderr);
    }

    [Fact]
    public void Invoke_SeveralPaths_ScansOnlyThose()
    {
        Write("src/a.txt", Sse.Name);
        Write("docs/b.md", Sse.Name);
        Write("other/c.txt", Sse.Name);

        var (exit, stdout, _) = Run(
            "check-flags", Path.Combine(_root, "src"), Path.Combine(_root, "docs", "b.md"), "--root", _root);

        Assert.Equal(CheckFlagsCommand.ExitFindings, exit);
        Assert.Equal(
            [
                $"docs/b.md:1: {Sse.Name} is deprecated (replacement: G6_SSE_HTTP)",
                $"src/a.txt:1: {Sse.Name} is deprecated (replacement: G6_SSE_HTTP)",
                "check-flags: 2 finding(s) in 2 file(s) scanned",
            ],
            stdout);
    }

    [Fact]
    public void Invoke_ExemptOption_SuppressesThatFile()
    {
        Write("CHANGELOG.md", Sse.Name);

        var (exit, stdout, _) = Run("check-flags", _root, "--root", _root, "--exempt", "CHANGELOG.md");

        Assert.Equal(CheckFlagsCommand.ExitClean, exit);
        Assert.Equal(["check-flags: no deprecated names in 0 file(s) scanned"], stdout);
    }

    [Fact]
    public void Invoke_MissingPath_ExitsTwoNamingItOnStderr()
    {
        Write("a.txt", Sse.Name);
        var missing = Path.Combine(_root, "no-such-dir");

        var (exit, stdout, stderr) = Run("check-flags", _root, missing, "--root", _root);

        Assert.Equal(CheckFlagsCommand.ExitBadPath, exit);
        Assert.Empty(stdout);
        Assert.Equal([$"check-flags: path not found: {missing}"], stderr);
    }

    [Fact]
    public void Invoke_NoPath_ScansCurrentDirectory()
    {
        Write("sub/a.txt", Sse.Name);
        var previous = Environment.CurrentDirectory;
        Environment.CurrentDirectory = _root;
        try
        {
            var (exit, stdout, _) = Run("check-flags");

            Assert.Equal(CheckFlagsCommand.ExitFindings, exit);
            Assert.Equal(
                [
                    $"sub/a.txt:1: {Sse.Name} is deprecated (replacement: G6_SSE_HTTP)",
                    "check-flags: 1 finding(s) in 1 file(s) scanned",
                ],
                stdout);
        }
        finally
        {
            Environment.CurrentDirectory = previous;
        }
    }

    [Fact]
    public void Create_Command_IsNamedCheckFlags()
    {
        Assert.Equal("check-flags", CheckFlagsCommand.Create().Name);
    }

    private static (int Exit, string[] Stdout, string[] Stderr) Run(params string[] args)
    {
        var root = new RootCommand("test host");
        root.Subcommands.Add(CheckFlagsCommand.Create());
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = root.Parse(args).Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });

        return (exit, SplitLines(stdout), SplitLines(stderr));
    }

    private static string[] SplitLines(StringWriter writer) =>
        writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);

    private void Write(string relativePath, params string[] lines)
    {
        var path = Path.Combine(_root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, string.Join('\n', lines) + "\n");
    }
}
