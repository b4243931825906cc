using System.CommandLine;
using G6.Summary.Cli.Commands;
using G6.Summary.Tests.Integration;
using G6.Summary.Tests.TestSupport;

namespace G6.Summary.Tests.Dashboard;

/// <summary><c>g6-summary dash</c> run in-process with a captured output, against the real server or a real file.</summary>
public sealed class DashCommandTests
{
    [Fact]
    public async Task DashPlain_AgainstRealServer_PrintsAFrameOnlyWhenSomethingChanged()
    {
        var source = new ScriptedStatusSource(ScriptedStatusSource.Status());
        await using var server = await TestServer.StartAsync(source: source);
        var output = new CapturingWriter();
        var run = InvokeAsync(output, "dash", "--url", server.BaseAddress.ToString(), "--plain", "--max-frames", "2");

        await Wait.UntilAsync(() => output.Text.Contains("LIVE", StringComparison.Ordinal), "the first frame");

        // Quiet cycles (one of them a heartbeat) print nothing; the change afterwards prints the second frame.
        for (var i = 0; i < 6; i++)
        {
            await server.CycleAsync();
        }

        source.Set(ScriptedStatusSource.Status(cpu: 77.7));
        await server.CycleAsync();
        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(30)));

        var frames = output.Text.Split("=== 20", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, frames.Length);
        Assert.Contains("  [Indices]", frames[0], StringComparison.Ordinal);
        Assert.Contains("CPU: 7.3%", frames[0], StringComparison.Ordinal);
        Assert.Contains("!   CPU: 77.7%", frames[1], StringComparison.Ordinal);
        Assert.Contains($"LIVE  {server.BaseAddress.ToString().TrimEnd('/')}", frames[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task DashPlain_LocalStatusFile_SamePanelsWithoutServer()
    {
        using var dir = new TempDirectory();
        var path = dir.File("status.json");
        await File.WriteAllBytesAsync(path, Fixtures.ReadStatus("runtime_status_closed.json"));
        var output = new CapturingWriter();

        var exit = await InvokeAsync(output, "dash", "--status", path, "--plain", "--max-frames", "1").WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, exit);
        Assert.Contains($"LIVE  file {path}  local, no server", output.Text, StringComparison.Ordinal);
        Assert.Contains("i   Market: CLOSED", output.Text, StringComparison.Ordinal);
        Assert.Equal(10, output.Text.Split('\n').Count(l => l.TrimStart('!', 'i', ' ').StartsWith('[')));
    }

    [Theory]
    [InlineData("flag")]
    [InlineData("environment")]
    public async Task DashPlain_TokenFromFile_FlagOrServiceVariable_GoesLive(string how)
    {
        const string Token = "dash-file-token-9a8b7c";
        using var dir = new TempDirectory();
        var file = dir.File("token");
        await File.WriteAllTextAsync(file, Token + "\nnext-token-after-rotation\n");
        var source = new ScriptedStatusSource(ScriptedStatusSource.Status());
        await using var server = await TestServer.StartAsync(new G6.Summary.Configuration.SummaryOptions { Security = new() { ApiTokens = [Token] } }, source);
        var output = new CapturingWriter();
        string[] arguments = ["dash", "--url", server.BaseAddress.ToString(), "--plain", "--max-frames", "1"];
        var environment = new Dictionary<string, string?>();
        if (how == "flag")
        {
            arguments = [.. arguments, "--token-file", file];
        }
        else
        {
            environment["G6_SSE_API_TOKEN_FILE"] = file;
        }

        var exit = await InvokeAsync(output, new CapturingWriter(), arguments, environment).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, exit);
        Assert.Contains("LIVE", output.Text, StringComparison.Ordinal);
        Assert.Contains("  [Indices]", output.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DashPlain_Panels_ShowsOnlyThoseAndFollowsThem()
    {
        var source = new ScriptedStatusSource(ScriptedStatusSource.Status());
        await using var server = await TestServer.StartAsync(source: source);
        var output = new CapturingWriter();
        var run = InvokeAsync(output, "dash", "--url", server.BaseAddress.ToString(), "--plain", "--panels", "resources,analytics", "--max-frames", "2");
        await Wait.UntilAsync(() => output.Text.Contains("LIVE", StringComparison.Ordinal), "the first frame");

        // A change outside the subset draws nothing; one inside it draws the second frame.
        source.Set(ScriptedStatusSource.Status(niftyLtp: 20001));
        await server.CycleAsync();
        source.Set(ScriptedStatusSource.Status(niftyLtp: 20001, cpu: 77.7));
        await server.CycleAsync();
        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(30)));

        var frames = output.Text.Split("=== 20", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, frames.Length);
        Assert.DoesNotContain("[Indices]", output.Text, StringComparison.Ordinal);
        Assert.Contains("[Resources]", frames[0], StringComparison.Ordinal);
        Assert.Contains("[Analytics]", frames[0], StringComparison.Ordinal);
        Assert.Contains("CPU: 77.7%", frames[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--panels", "Indices")]
    [InlineData("--panels", "indices", "--status", "x.json")]
    [InlineData("--token-file", "/nonexistent/token")]
    [InlineData("--token", "abc", "--token-file", "/tmp/x")]
    [InlineData("--url", "http://127.0.0.1:1", "--status", "x.json")]
    [InlineData("--url", "ftp://example")]
    [InlineData("--max-frames", "0")]
    public async Task Dash_BadArguments_Exit2(params string[] arguments)
    {
        var output = new CapturingWriter();
        var error = new CapturingWriter();

        var exit = await InvokeAsync(output, error, ["dash", "--plain", .. arguments]);

        Assert.Equal(DashCommand.ExitBadArguments, exit);
        Assert.StartsWith("dash: ", error.Text, StringComparison.Ordinal);
    }

    private static Task<int> InvokeAsync(TextWriter output, params string[] arguments) => InvokeAsync(output, new CapturingWriter(), arguments);

    private static Task<int> InvokeAsync(TextWriter output, TextWriter error, string[] arguments, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var root = new RootCommand { DashCommand.Create(name => environment?.GetValueOrDefault(name)) };
        return root.Parse(arguments).InvokeAsync(new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = null });
    }
}
