using System.CommandLine;
using G6.Summary.Cli.Commands;
using G6.Summary.Configuration;
using G6.Summary.Tests.Dashboard;
using G6.Summary.Tests.Integration;
using G6.Summary.Tests.TestSupport;

namespace G6.Summary.Tests.Cli;

/// <summary><c>g6-summary push</c> and <c>simulate --push</c> in-process, against the real server in push mode.</summary>
public sealed class PushCommandTests
{
    private const string Token = "cli-publish-token-42";

    private static Task<TestServer> StartAsync() =>
        TestServer.StartAsync(new SummaryOptions
        {
            Status = new StatusOptions { Source = StatusSourceKind.Push },
            Publish = new PublishOptions { Tokens = [Token] },
        });

    [Fact]
    public async Task Push_FileWithTokenFile_PublishedAndPrintsTheEvent()
    {
        await using var server = await StartAsync();
        using var dir = new TempDirectory();
        var tokenFile = dir.File("publish.token");
        await File.WriteAllTextAsync(tokenFile, Token + "\n");
        var output = new CapturingWriter();
        var error = new CapturingWriter();

        var exit = await InvokeAsync(output, error, ["push", "--url", server.BaseAddress.ToString(), "--token-file", tokenFile,
            Path.Combine(Fixtures.StatusDirectory, "runtime_status.json")]);

        Assert.Equal(PushCommand.ExitOk, exit);
        var head = server.Log.Current;
        Assert.StartsWith($"published {head.Epoch}-{head.Seq}: changed ", output.Text, StringComparison.Ordinal);
        Assert.Contains("analytics", output.Text, StringComparison.Ordinal);

        // The same document again: taken, nothing to publish.
        output = new CapturingWriter();
        exit = await InvokeAsync(output, error, ["push", "--url", server.BaseAddress.ToString(), "--token", Token,
            Path.Combine(Fixtures.StatusDirectory, "runtime_status.json")]);
        Assert.Equal(PushCommand.ExitOk, exit);
        Assert.StartsWith("unchanged:", output.Text, StringComparison.Ordinal);
        Assert.Same(head, server.Log.Current);
    }

    [Fact]
    public async Task Push_RefusedDocumentOrToken_Exit1WithTheServersReason()
    {
        await using var server = await StartAsync();
        using var dir = new TempDirectory();
        var bad = dir.File("bad.json");
        await File.WriteAllTextAsync(bad, "{\"not\": \"a status\"}");
        var error = new CapturingWriter();

        Assert.Equal(PushCommand.ExitRefused, await InvokeAsync(new CapturingWriter(), error, ["push", "--url", server.BaseAddress.ToString(), "--token", Token, bad]));
        Assert.StartsWith("push: 400 document is not a status", error.Text, StringComparison.Ordinal);

        error = new CapturingWriter();
        Assert.Equal(PushCommand.ExitRefused, await InvokeAsync(new CapturingWriter(), error, ["push", "--url", server.BaseAddress.ToString(), "--token", "wrong", bad]));
        Assert.StartsWith("push: 401 ", error.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--url", "ftp://x", "--token", "t", "f.json")]
    [InlineData("--url", "http://127.0.0.1:1", "f.json")]
    [InlineData("--url", "http://127.0.0.1:1", "--token", "t", "/nonexistent/status.json")]
    public async Task Push_BadArguments_Exit2(params string[] arguments)
    {
        var error = new CapturingWriter();
        Assert.Equal(PushCommand.ExitBadArguments, await InvokeAsync(new CapturingWriter(), error, ["push", .. arguments]));
        Assert.StartsWith("push: ", error.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SimulatePush_EachCycleReachesTheServer()
    {
        await using var server = await StartAsync();
        var start = server.Log.Current.Seq;
        var root = new RootCommand { SimulateCommand.Create(_ => null) };

        var exit = await root.Parse(["simulate", "--push", server.BaseAddress.ToString(), "--token", Token, "--interval", "0.05", "--cycles", "3"])
            .InvokeAsync(new InvocationConfiguration { Output = new CapturingWriter(), Error = new CapturingWriter(), ProcessTerminationTimeout = null })
            .WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(0, exit);
        Assert.True(server.Log.Current.Seq > start, "the simulated collector's pushes were published");
        Assert.Equal("ok", server.Health.Report().Status.ToString().ToLowerInvariant());
    }

    private static Task<int> InvokeAsync(TextWriter output, TextWriter error, string[] arguments)
    {
        var root = new RootCommand { PushCommand.Create(_ => null) };
        return root.Parse(arguments).InvokeAsync(new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = null });
    }
}
