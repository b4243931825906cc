using System.Globalization;
using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using G6.Summary.Bench.Harness;
using Xunit.Abstractions;

namespace G6.Summary.Tests.Integration;

/// <summary>
/// What an idle gzip stream costs the real program (a child process, its resident memory from /proc): each
/// frame is compressed once and shared, so a gzip stream holds its CRC and length, not a compressor (zlib's
/// deflate state is about 256 KB, and writing a snapshot through one touches a good part of it).
/// </summary>
public sealed class CompressedStreamMemoryTests(ITestOutputHelper output)
{
    private const int Streams = 300;

    // Far below one compressor's state, far above what a stream costs without one (about 4 KB on the direct path).
    private const long MaxBytesPerGzipStream = 32 * 1024;

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task IdleGzipStreams_RealProcess_EachCostsFarLessThanACompressor(bool directStreams)
    {
        var environment = new Dictionary<string, string>
        {
            ["G6_SSE_PORT"] = "0",
            ["G6_SSE_DIRECT_STREAMS"] = directStreams ? "1" : "0",

            // The demo source's first cycle gives the snapshot; then nothing moves while the test measures.
            ["G6_SUMMARY_REFRESH_SEC"] = "3600",
            ["G6_SSE_KEEPALIVE_SEC"] = "3600",
        };
        await using var service = ServiceProcess.Start(environment, "serve");
        var address = await service.WaitForAddressAsync(StartTimeout);
        using var http = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = System.Net.DecompressionMethods.None })
        {
            BaseAddress = address,
            Timeout = TimeSpan.FromSeconds(30),
        };
        var open = new List<IdleStream>();
        try
        {
            // One stream of each kind first, closed again: the code runs once before anything is measured.
            foreach (var gzip in new[] { false, true })
            {
                await using var warm = await IdleStream.OpenAsync(http, gzip);
            }

            await WaitForStreamsAsync(http, 0, 0);
            var before = Rss(service);

            for (var i = 0; i < Streams; i++)
            {
                open.Add(await IdleStream.OpenAsync(http, gzip: false));
            }

            await WaitForStreamsAsync(http, Streams, 0);
            var withPlain = Rss(service);

            for (var i = 0; i < Streams; i++)
            {
                open.Add(await IdleStream.OpenAsync(http, gzip: true));
            }

            await WaitForStreamsAsync(http, 2 * Streams, Streams);
            var withGzip = Rss(service);

            var plainPerStream = (withPlain - before) / (double)Streams;
            var gzipPerStream = (withGzip - withPlain) / (double)Streams;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{(directStreams ? "direct path" : "Kestrel")}: RSS {before / 1048576.0:0.0} MB before, {withPlain / 1048576.0:0.0} MB with {Streams} plain streams ({plainPerStream / 1024:0.00} KB each), {withGzip / 1048576.0:0.0} MB with {Streams} gzip streams more ({gzipPerStream / 1024:0.00} KB each)"));
            Assert.True(gzipPerStream < MaxBytesPerGzipStream, string.Create(CultureInfo.InvariantCulture, $"an idle gzip stream grew the service by {gzipPerStream / 1024:0.0} KB (plain: {plainPerStream / 1024:0.0} KB)"));
        }
        finally
        {
            foreach (var stream in open)
            {
                await stream.DisposeAsync();
            }
        }
    }

    private static long Rss(ServiceProcess service) =>
        ProcessSampler.TryRead(service.Id, UnixClock.System)?.RssBytes ?? throw new InvalidOperationException("the service's /proc entry is gone");

    /// <summary>Until the service counts exactly these open streams, all of them and the gzip ones (its own figures, from /metrics).</summary>
    private static async Task WaitForStreamsAsync(HttpClient http, int streams, int gzip)
    {
        var limit = TimeSpan.FromSeconds(20);
        using var deadline = new CancellationTokenSource(limit);
        var counted = string.Empty;
        while (true)
        {
            var text = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative), CancellationToken.None);
            var (active, compressed) = (Value(text, "g6_sse_http_active_connections"), Value(text, "g6_sse_compressed_streams"));
            if (active == streams && compressed == gzip)
            {
                return;
            }

            counted = $"{active} open, {compressed} gzip";
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"timed out after {limit.TotalSeconds} s waiting for {streams} open streams, {gzip} of them gzip; the service counts {counted}");
            }
        }
    }

    /// <summary>The value of an unlabelled metric in the exposition text.</summary>
    private static double? Value(string metrics, string name)
    {
        var line = metrics.Split('\n').FirstOrDefault(l => l.StartsWith(name + " ", StringComparison.Ordinal));
        return line is null ? null : double.Parse(line[(name.Length + 1)..], CultureInfo.InvariantCulture);
    }

    /// <summary>A stream read up to the end of its full snapshot, then left alone: an idle client.</summary>
    private sealed class IdleStream : IAsyncDisposable
    {
        private readonly HttpResponseMessage _response;
        private readonly Stream _body;

        private IdleStream(HttpResponseMessage response, Stream body)
        {
            _response = response;
            _body = body;
        }

        public static async Task<IdleStream> OpenAsync(HttpClient http, bool gzip)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/summary/events");
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
            if (gzip)
            {
                request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip");
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            response.EnsureSuccessStatusCode();
            Assert.Equal(gzip, response.Content.Headers.ContentEncoding.Contains("gzip"));
            var raw = await response.Content.ReadAsStreamAsync(timeout.Token);
            var body = gzip ? new GZipStream(raw, CompressionMode.Decompress) : raw;

            // Everything the stream is sent on opening, decoded: hello, then the snapshot up to its blank line.
            var seen = new StringBuilder();
            var buffer = new byte[16 * 1024];
            while (!EndsSnapshot(seen))
            {
                var read = await body.ReadAsync(buffer, timeout.Token);
                Assert.True(read > 0, "the stream ended before its snapshot");
                seen.Append(Encoding.UTF8.GetString(buffer, 0, read));
            }

            return new IdleStream(response, body);
        }

        public async ValueTask DisposeAsync()
        {
            await _body.DisposeAsync();
            _response.Dispose();
        }

        private static bool EndsSnapshot(StringBuilder seen)
        {
            var text = seen.ToString();
            var at = text.IndexOf("event: full_snapshot\n", StringComparison.Ordinal);
            return at >= 0 && text.IndexOf("\n\n", at, StringComparison.Ordinal) > 0;
        }
    }
}
