using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using System.Net.ServerSentEvents;
using System.Text;
using G6.Summary.Compression;
using G6.Summary.Configuration;
using G6.Summary.Tests.TestSupport;

namespace G6.Summary.Tests.Integration;

/// <summary>
/// Compressed event streams on the real server, once over each path a stream can take: the direct path
/// (<see cref="CompressionOverDirectPathTests"/>) and Kestrel's HTTP layer (<see cref="CompressionOverKestrelTests"/>).
/// The body is read as it arrives, by decoders that are not the server's: python's zlib, curl, and the runtime's.
/// </summary>
public abstract class CompressionTests
{
    private const string Subset = "/summary/events?panels=resources,analytics";
    private const string Leaving = "reader-leaving-0a1b2c3d";
    private const string Staying = "reader-staying-4e5f6a7b";

    private static readonly byte[] GzipMagic = [0x1F, 0x8B, 0x08];

    /// <summary>Whether event streams take the direct path in this run of the tests.</summary>
    protected abstract bool DirectStreams { get; }

    private async Task<(TestServer Server, ScriptedStatusSource Source)> StartAsync(bool compression = true, SecurityOptions? security = null, CredentialOptions? credentials = null, double eventsPerSec = 0)
    {
        var source = new ScriptedStatusSource(ScriptedStatusSource.Status());
        var options = new SummaryOptions
        {
            Transport = new() { DirectStreams = DirectStreams },

            // No keepalive within a test: every byte a stream gets is from an event the test caused.
            Streaming = new() { Compression = compression, KeepaliveInterval = TimeSpan.FromHours(1), EventsPerSec = eventsPerSec },
            Security = security ?? new(),
            Credentials = credentials ?? new(),
        };
        return (await TestServer.StartAsync(options, source), source);
    }

    /// <summary>One more status change (the resources panel): one panel_update; returns its id.</summary>
    private protected static async Task<string> PublishAsync(TestServer server, ScriptedStatusSource source, int step)
    {
        var before = server.Log.Current.Seq;
        source.Set(ScriptedStatusSource.Status(cpu: 10 + step));
        await server.CycleAsync();
        var state = server.Log.Current;
        Assert.Equal(before + 1, state.Seq);
        Assert.True(server.Log.TryGet(state.Seq, out var published));
        Assert.Equal("panel_update", published.Name);
        return state.EventId;
    }

    private static async Task<string> MetricsAsync(TestServer server) =>
        await server.Client.GetStringAsync(new Uri("/metrics", UriKind.Relative));

    private void AssertTransport(CompressedStreamClient stream)
    {
        // The direct path's body runs until the connection closes; Kestrel's is chunked.
        Assert.Equal(!DirectStreams, stream.Response!.Headers.TransferEncodingChunked == true);
    }

    [Fact]
    public async Task Gzip_IndependentDecoderWhileOpen_DecodesEachEventBeforeTheNextIsSent()
    {
        var (server, source) = await StartAsync();
        await using var _ = server;
        await using var python = PythonGzipDecoder.Start();
        await using var stream = new CompressedStreamClient(server.BaseAddress);
        await stream.ConnectAsync("/summary/events", "gzip", sink: python.WriteAsync);

        Assert.Equal(["gzip"], stream.ContentEncodings);
        Assert.Equal(["Accept-Encoding"], stream.Vary);
        AssertTransport(stream);

        var opened = server.Log.Current.EventId;
        var expected = new List<string> { $"event hello {opened}", $"event full_snapshot {opened}" };
        await python.WaitForLineAsync(expected[0]);
        await python.WaitForLineAsync(expected[1]);
        Assert.Equal(GzipMagic, stream.RawBody()[..3]);

        // Each event is published only once python has decoded the one before: an event whose bytes the
        // server held back (a compressor not flushed, a buffer not sent) would never be printed.
        for (var step = 1; step <= 4; step++)
        {
            var id = await PublishAsync(server, source, step);
            expected.Add($"event panel_update {id}");
            await python.WaitForLineAsync(expected[^1]);
        }

        Assert.Equal(expected, python.Lines);
        Assert.Contains("g6_sse_compressed_streams 1\n", await MetricsAsync(server), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gzip_ThrottledStream_CoalescedUpdatesDecodeAndEndAtTheLatestState()
    {
        // A throttled stream's coalesced update is made for that stream alone, so it is compressed for it alone.
        var (server, source) = await StartAsync(eventsPerSec: 5);
        await using var _ = server;
        await using var stream = new CompressedStreamClient(server.BaseAddress);
        await stream.ConnectAsync("/summary/events", "gzip");
        Assert.True(stream.IsGzip);
        var model = new ClientModel();
        await stream.NextNamedAsync("hello");
        model.Apply((await stream.NextNamedAsync("full_snapshot")).Match);

        for (var step = 1; step <= 30; step++)
        {
            source.Set(ScriptedStatusSource.Status(cpu: 10 + step, pcr: step % 2 == 0 ? 1.0 : 2.0));
            await server.CycleAsync();
        }

        var head = server.Log.Current.Seq;
        var received = 0;
        var coalesced = 0;
        while (model.Seq < head)
        {
            var evt = await stream.NextAsync();
            Assert.Equal("panel_update", evt.Name);
            received++;
            coalesced += evt.Data.TryGetProperty("coalesced", out var count) ? count.GetInt32() : 0;
            model.Apply(evt);
        }

        Assert.True(received < 30, $"expected coalescing, got {received} events for 30 updates");
        Assert.True(coalesced > 0);
        Assert.Equal(server.Log.Current.Digest, model.Digest());
    }

    [Fact]
    public async Task Gzip_CurlCompressed_PrintsEachEventAsItIsSent()
    {
        var (server, source) = await StartAsync();
        await using var _ = server;
        await using var curl = CurlStream.Start(new Uri(server.BaseAddress, "/summary/events"));
        await curl.WaitForEventAsync(server.Log.Current.EventId, "full_snapshot");
        Assert.Contains(curl.Lines, l => l.Equals("content-encoding: gzip", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(curl.Lines, l => l.Equals("vary: Accept-Encoding", StringComparison.OrdinalIgnoreCase));

        for (var step = 1; step <= 3; step++)
        {
            var id = await PublishAsync(server, source, step);
            await curl.WaitForEventAsync(id, "panel_update");
        }

        Assert.Contains("g6_sse_compressed_streams 1\n", await MetricsAsync(server), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("gzip;q=0")]
    [InlineData("identity")]
    [InlineData("br")]
    public async Task Identity_GzipNotAccepted_PlainBodyVaryingOnAcceptEncoding(string? acceptEncoding)
    {
        var (server, source) = await StartAsync();
        await using var _ = server;
        await using var stream = new CompressedStreamClient(server.BaseAddress);
        await stream.ConnectAsync("/summary/events", acceptEncoding);

        Assert.Empty(stream.ContentEncodings);
        Assert.Equal(["Accept-Encoding"], stream.Vary);
        AssertTransport(stream);
        await stream.NextNamedAsync("full_snapshot");
        var id = await PublishAsync(server, source, 1);
        Assert.Equal(id, (await stream.NextAsync()).Id);
        Assert.StartsWith("retry: ", Encoding.UTF8.GetString(stream.RawBody()), StringComparison.Ordinal);

        Assert.Equal(0, server.Service<FrameCompressor>().Compressions);
        Assert.Contains("g6_sse_compressed_streams 0\n", await MetricsAsync(server), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Identity_CompressionOff_GzipAskedFor_PlainBodyWithoutVary()
    {
        var (server, source) = await StartAsync(compression: false);
        await using var _ = server;
        await using var stream = new CompressedStreamClient(server.BaseAddress);
        await stream.ConnectAsync("/summary/events", "gzip, deflate, br");

        Assert.Empty(stream.ContentEncodings);
        Assert.Empty(stream.Vary);
        Assert.False(stream.Response!.Headers.Contains("Vary"));
        AssertTransport(stream);
        await stream.NextNamedAsync("full_snapshot");
        await PublishAsync(server, source, 1);
        await stream.NextNamedAsync("panel_update");
        Assert.StartsWith("retry: ", Encoding.UTF8.GetString(stream.RawBody()), StringComparison.Ordinal);
        Assert.Equal(0, server.Service<FrameCompressor>().Compressions);
    }

    [Fact]
    public async Task Gzip_SixStreamsOnTwoSubsets_EachEventCompressedOncePerSubsetAndSentAsTheSameBytes()
    {
        const int Events = 3;
        var (server, source) = await StartAsync();
        await using var _ = server;
        var all = new List<CompressedStreamClient>();
        var subset = new List<CompressedStreamClient>();
        await using var plain = new CompressedStreamClient(server.BaseAddress);
        try
        {
            foreach (var (path, into) in new[] { ("/summary/events", all), (Subset, subset), ("/summary/events", all), (Subset, subset), ("/summary/events", all), ("/summary/events", all) })
            {
                var stream = new CompressedStreamClient(server.BaseAddress);
                into.Add(stream);
                await stream.ConnectAsync(path, "gzip");
                Assert.True(stream.IsGzip);
                await stream.NextNamedAsync("full_snapshot");
            }

            await plain.ConnectAsync("/summary/events", null);
            Assert.False(plain.IsGzip);
            await plain.NextNamedAsync("full_snapshot");

            var compressor = server.Service<FrameCompressor>();
            var before = compressor.Compressions;
            var ids = new List<string>();
            for (var step = 1; step <= Events; step++)
            {
                ids.Add(await PublishAsync(server, source, step));
            }

            foreach (var stream in all.Concat(subset).Append(plain))
            {
                for (var i = 0; i < Events; i++)
                {
                    var update = await stream.NextAsync();
                    Assert.Equal(("panel_update", ids[i]), (update.Name, update.Id));
                }
            }

            // One compression per event for the streams of every panel and one for the subset's own version:
            // not one per stream (that would be 6 per event).
            Assert.Equal(Events * 2, compressor.Compressions - before);
            var metrics = await MetricsAsync(server);
            Assert.Contains($"g6_sse_compressions_total {compressor.Compressions}\n", metrics, StringComparison.Ordinal);
            Assert.Contains("g6_sse_compressed_streams 6\n", metrics, StringComparison.Ordinal);

            // Streams that were sent the same frames were sent the same bytes, header to last event.
            foreach (var group in new[] { all, subset })
            {
                var first = group[0].RawBody();
                Assert.All(group, s => Assert.Equal(first, s.RawBody()));
            }

            Assert.NotEqual(all[0].RawBody(), subset[0].RawBody());
            var gzipBytes = all[0].RawBody().Length;
            var plainBytes = plain.RawBody().Length;
            Assert.True(gzipBytes < plainBytes * 0.7, $"gzip body {gzipBytes} bytes, plain {plainBytes}");
        }
        finally
        {
            foreach (var stream in all.Concat(subset))
            {
                await stream.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Gzip_GracefulShutdown_ByeThenACompleteCheckedGzipMember()
    {
        var (server, source) = await StartAsync();
        await using var _ = server;
        await using var python = PythonGzipDecoder.Start();
        await using var stream = new CompressedStreamClient(server.BaseAddress);
        await stream.ConnectAsync("/summary/events", "gzip", sink: python.WriteAsync);
        await stream.NextNamedAsync("full_snapshot");
        await PublishAsync(server, source, 1);
        await stream.NextNamedAsync("panel_update");

        await server.StopAsync();
        var (bye, before) = await stream.NextNamedAsync("bye");
        Assert.Empty(before);
        Assert.Equal("server shutting down", bye.Data.GetProperty("reason").GetString());
        await AssertEndsCleanlyAsync(stream, python, bye.Id);
    }

    [Fact]
    public async Task Gzip_CredentialRevoked_ByeThenACompleteCheckedGzipMember()
    {
        using var dir = new TempDirectory();
        var tokenFile = dir.File("reader-tokens");
        File.WriteAllText(tokenFile, $"{Leaving}\n{Staying}\n");
        var (server, _) = await StartAsync(
            security: new() { ApiTokens = [Leaving, Staying] },
            credentials: new() { ApiTokenFile = tokenFile, CheckInterval = TimeSpan.FromMilliseconds(200), Watch = true });
        await using var __ = server;
        await using var python = PythonGzipDecoder.Start();
        await using var stream = new CompressedStreamClient(server.BaseAddress);
        await stream.ConnectAsync("/summary/events", "gzip", sink: python.WriteAsync, token: Leaving);
        await stream.NextNamedAsync("full_snapshot");

        // As a secret manager does it: the new content renamed over the old file.
        File.WriteAllText(tokenFile + ".new", $"{Staying}\n");
        File.Move(tokenFile + ".new", tokenFile, overwrite: true);

        var (bye, before) = await stream.NextNamedAsync("bye");
        Assert.Empty(before);
        Assert.Equal("credentials revoked", bye.Data.GetProperty("reason").GetString());
        await AssertEndsCleanlyAsync(stream, python, bye.Id);
    }

    [Fact]
    public async Task Gzip_LastEventId_ResumedHelloThenOnlyTheMissedEvents()
    {
        var (server, source) = await StartAsync();
        await using var _ = server;
        string lastId;
        await using (var first = new CompressedStreamClient(server.BaseAddress))
        {
            await first.ConnectAsync("/summary/events", "gzip");
            Assert.True(first.IsGzip);
            var (snapshot, _) = await first.NextNamedAsync("full_snapshot");
            lastId = snapshot.Id;
        }

        // While the client is away: two changes.
        var missed = new[] { await PublishAsync(server, source, 1), await PublishAsync(server, source, 2) };

        await using var python = PythonGzipDecoder.Start();
        await using var resumed = new CompressedStreamClient(server.BaseAddress);
        await resumed.ConnectAsync("/summary/events", "gzip", lastEventId: lastId, sink: python.WriteAsync);
        Assert.Equal(["gzip"], resumed.ContentEncodings);
        var hello = await resumed.NextAsync();
        Assert.Equal("hello", hello.Name);
        Assert.True(hello.Data.GetProperty("resumed").GetBoolean());
        foreach (var id in missed)
        {
            var update = await resumed.NextAsync();
            Assert.Equal(("panel_update", id), (update.Name, update.Id));
        }

        // And live from there, through the other decoder too.
        var next = await PublishAsync(server, source, 3);
        Assert.Equal(next, (await resumed.NextAsync()).Id);
        await python.WaitForLineAsync($"event panel_update {next}");
        string[] decoded = [$"event hello {hello.Id}", .. missed.Select(id => $"event panel_update {id}"), $"event panel_update {next}"];
        Assert.Equal(decoded, python.Lines);
        Assert.False(resumed.TryRead(out var extra), $"nothing else is owed, got {extra?.Name}");
    }

    /// <summary>
    /// The stream ended after <c>bye</c> as a whole gzip member: python's zlib reached the member's end (it checks
    /// the trailer) with nothing after it, <c>gzip.decompress</c> takes the whole body, the runtime's decoder reads
    /// it to the end, bye is the last event, and the trailer is the CRC-32 and length of what was decoded.
    /// </summary>
    private protected static async Task AssertEndsCleanlyAsync(CompressedStreamClient stream, PythonGzipDecoder python, string byeId)
    {
        await stream.Completion.WaitAsync(TimeSpan.FromSeconds(10));
        python.CloseInput();
        await python.WaitForLineAsync($"event bye {byeId}");
        await python.WaitForLineAsync("member-end 0");
        var body = stream.RawBody();
        var plain = Gunzip(body);
        await python.WaitForLineAsync($"input-end {body.Length} member 0");
        await python.WaitForLineAsync($"gzip-ok {plain.Length}");
        Assert.Equal(0, await python.WaitForExitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("bye", python.Lines.Last(l => l.StartsWith("event ", StringComparison.Ordinal)).Split(' ')[1]);

        var events = SseParser.Create(new MemoryStream(plain)).Enumerate().ToList();
        Assert.Equal(("bye", byeId), (events[^1].EventType, events[^1].EventId));
        Assert.Equal(GzipMagic, body[..3]);
        Assert.Equal(new byte[] { 0x03, 0x00 }, body[^10..^8]);
        Assert.Equal(Crc32.HashToUInt32(plain), BinaryPrimitives.ReadUInt32LittleEndian(body.AsSpan(body.Length - 8)));
        Assert.Equal((uint)plain.Length, BinaryPrimitives.ReadUInt32LittleEndian(body.AsSpan(body.Length - 4)));
    }

    private static byte[] Gunzip(byte[] body)
    {
        using var gzip = new GZipStream(new MemoryStream(body), CompressionMode.Decompress);
        using var plain = new MemoryStream();
        gzip.CopyTo(plain);
        return plain.ToArray();
    }
}
