using G6.Summary.Bench.Harness;
using G6.Summary.Configuration;
using G6.Summary.Tests.Integration;
using G6.Summary.Tests.TestSupport;

namespace G6.Summary.Tests.Bench;

/// <summary>The harness in-process against the real server (loopback, port 0), cycles driven by the test.</summary>
public sealed class BenchRunnerTests
{
    private const int Streams = 20;
    private const int Cycles = 10;

    [Theory]
    [InlineData(true, 1, BenchReader.Epoll)]
    [InlineData(false, 1, BenchReader.Epoll)] // Kestrel's chunked responses
    [InlineData(true, 3, BenchReader.Epoll)] // the publisher's writes split between three threads
    [InlineData(true, 1, BenchReader.Sockets)]
    [InlineData(false, 1, BenchReader.Sockets)]
    public async Task RunAsync_TwentyStreams_AllConnectAndGetEveryEventInOrder(bool directStreams, int fanOutWorkers, BenchReader reader)
    {
        await using var server = await TestServer.StartAsync(new SummaryOptions
        {
            Transport = new() { DirectStreams = directStreams },
            Streaming = new() { FanOutWorkers = fanOutWorkers, FanOutMinStreamsPerWorker = 1 },
        });
        var options = new BenchOptions(
            new Uri(server.BaseAddress, "/summary/events"),
            Streams,
            RampUp: TimeSpan.Zero,
            Warmup: TimeSpan.Zero,

            // An upper bound only: the test ends the run as soon as every event has arrived.
            Duration: TimeSpan.FromMinutes(1),
            ServerPid: Environment.ProcessId,
            Reader: reader);
        var runner = new BenchRunner(options);
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var run = runner.RunAsync(stop.Token);

        await Wait.UntilAsync(() => server.Hub.ActiveStreams == Streams && runner.EventsReceived == Streams * 2, "every stream to get hello and full_snapshot");
        var published = 0;
        for (var i = 0; i < Cycles; i++)
        {
            var before = server.Log.Current.Seq;
            await server.CycleAsync();
            published += (int)(server.Log.Current.Seq - before);
        }

        await Wait.UntilAsync(() => runner.EventsReceived == Streams * (2 + published), "every published event on every stream");
        await stop.CancelAsync();
        var report = await run;

        Assert.True(published > 0);
        Assert.Equal(Streams, report.Clients.Requested);
        Assert.Equal(Streams, report.Clients.Connected);
        Assert.Equal(0, report.Clients.Failed);
        Assert.Equal(0, report.Clients.ClosedEarly);
        Assert.Equal(Streams, report.Events.ByType["hello"]);
        Assert.Equal(Streams, report.Events.ByType["full_snapshot"]);
        Assert.Equal(Streams * published, report.Events.WindowEvents);
        Assert.Equal(Streams * published, report.LatencyMs.Count);
        Assert.Equal(Streams, report.Clients.TimeToHelloMs.Count);
        Assert.Equal(Streams, report.Sequence.Tracked);
        Assert.Equal(0, report.Sequence.Gaps);
        Assert.Equal(0, report.Sequence.Duplicates);
        Assert.Equal(0, report.Events.ParseErrors);
        Assert.True(report.Complete);
        Assert.NotNull(report.Server?.WindowCpuSeconds);
        Assert.NotNull(report.Harness?.MeasureEnd);
    }

    [Theory]
    [InlineData(BenchReader.Epoll)]
    [InlineData(BenchReader.Sockets)]
    public async Task RunAsync_NothingListening_CountsRefusedConnects(BenchReader reader)
    {
        // A port bound but not listening: connects are refused at once (RST), and no other process can
        // take the port meanwhile (a port freed "a moment ago" could be, by a test running beside this one).
        using var bound = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        bound.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        var port = ((System.Net.IPEndPoint)bound.LocalEndPoint!).Port;

        var options = new BenchOptions(new Uri($"http://127.0.0.1:{port}/summary/events"), 3, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromMilliseconds(500), Reader: reader);
        var report = await new BenchRunner(options).RunAsync(CancellationToken.None);

        Assert.Equal(0, report.Clients.Connected);
        Assert.Equal(3, report.Clients.Failed);
        Assert.Equal(3, report.Clients.FailuresByCause["refused"]);
        Assert.False(report.Complete);
    }

    [Theory]
    [InlineData(BenchReader.Epoll)]
    [InlineData(BenchReader.Sockets)]
    public async Task RunAsync_ServerNeverAnswers_CountsTimeouts(BenchReader reader)
    {
        // Listening but never accepting: the kernel completes the connects, nobody answers the requests.
        // The run lasts well past the 200 ms limit, so a loaded machine that starts a client late still
        // sees it time out inside the run (a 1 s run failed once at load 13).
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;

        var options = new BenchOptions(
            new Uri($"http://127.0.0.1:{port}/summary/events"), 2, TimeSpan.Zero, TimeSpan.Zero,
            Duration: TimeSpan.FromSeconds(3), ConnectTimeout: TimeSpan.FromMilliseconds(200), Reader: reader);
        var report = await new BenchRunner(options).RunAsync(CancellationToken.None);

        Assert.Equal(0, report.Clients.Connected);
        Assert.Equal(2, report.Clients.FailuresByCause["timeout"]);
    }

    [Theory]
    [InlineData(BenchReader.Epoll)]
    [InlineData(BenchReader.Sockets)]
    public async Task RunAsync_Refused_CountsTheStatus(BenchReader reader)
    {
        await using var server = await TestServer.StartAsync(new SummaryOptions { Security = new() { ApiTokens = ["tok-0a1b2c3d4e5f"] } });
        var options = new BenchOptions(
            new Uri(server.BaseAddress, "/summary/events"), 3, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromMilliseconds(500), Reader: reader);
        var report = await new BenchRunner(options).RunAsync(CancellationToken.None);

        Assert.Equal(0, report.Clients.Connected);
        Assert.Equal(3, report.Clients.FailuresByCause["http_401"]);
    }

    [Fact]
    public async Task RunAsync_Https_ReadsEveryEventOverTls_WithTheSocketsReader()
    {
        using var dir = new TempDirectory();
        TestCertificate.Create().WriteTo(dir.File("cert.pem"), dir.File("key.pem"));
        await using var server = await TestServer.StartAsync(new SummaryOptions { Tls = new() { CertFile = dir.File("cert.pem"), KeyFile = dir.File("key.pem") } });
        var options = new BenchOptions(new Uri(server.BaseAddress, "/summary/events"), Streams, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromMinutes(1));
        Assert.Equal("https", options.EventsUrl.Scheme);
        Assert.Equal(BenchReader.Sockets, options.ReaderInUse);
        var runner = new BenchRunner(options);
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var run = runner.RunAsync(stop.Token);

        await Wait.UntilAsync(() => server.Hub.ActiveStreams == Streams && runner.EventsReceived == Streams * 2, "every stream to get hello and full_snapshot over TLS");
        var before = server.Log.Current.Seq;
        await server.CycleAsync();
        var published = (int)(server.Log.Current.Seq - before);
        await Wait.UntilAsync(() => runner.EventsReceived == Streams * (2 + published), "every published event on every stream");
        await stop.CancelAsync();
        var report = await run;

        Assert.Equal(Streams, report.Clients.Connected);
        Assert.Equal(0, report.Clients.Failed);
        Assert.Equal(0, report.Events.ParseErrors);
        Assert.Equal(Streams * published, report.LatencyMs.Count);
    }

    [Fact]
    public async Task ResolveAsync_HttpsWithTheEpollReader_Refused()
    {
        var options = new BenchOptions(new Uri("https://127.0.0.1:9/summary/events"), 1, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, Reader: BenchReader.Epoll);
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => EventStreamTarget.ResolveAsync(options, CancellationToken.None));
        Assert.StartsWith("https:// streams need --reader Sockets", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:9320", "http://127.0.0.1:9320/summary/events")]
    [InlineData("http://127.0.0.1:9320/", "http://127.0.0.1:9320/summary/events")]
    [InlineData("http://127.0.0.1:9/other/stream", "http://127.0.0.1:9/other/stream")]
    public void ResolveEventsUrl_BaseOrFull(string given, string expected)
    {
        Assert.Equal(new Uri(expected), BenchOptions.ResolveEventsUrl(given));
    }

    [Fact]
    public void FileDescriptorLimit_CheckFits_NamesTheFix()
    {
        Assert.Null(FileDescriptorLimit.CheckFits(10_000, 20_000));
        Assert.Null(FileDescriptorLimit.CheckFits(10_000, null));
        Assert.Contains("ulimit", FileDescriptorLimit.CheckFits(10_000, 1024), StringComparison.Ordinal);
    }
}
