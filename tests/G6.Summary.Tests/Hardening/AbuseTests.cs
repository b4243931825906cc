using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using G6.Summary.Configuration;
using G6.Summary.Tests.Integration;
using Xunit.Abstractions;

namespace G6.Summary.Tests.Hardening;

/// <summary>
/// The real server under a corpus of 10,000+ hostile requests, stalled half-sent requests and a
/// connection flood past the cap, while a healthy client must keep receiving every event.
/// </summary>
public sealed class AbuseTests(ITestOutputHelper output)
{
    private const string Token = "fuzz-token-5e1f0c2a9b";
    private const int CorpusSize = 10_000;
    private const int Workers = 8;
    private const int Stalled = 20;

    // Ten events a second, the product's design rate: enough to catch a stalled fan-out, light on CPU.
    private static readonly TimeSpan PublishInterval = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task HostileCorpusStallsAndFlood_No5xxNoLeaks_HealthyClientMissesNothing()
    {
        var source = new ScriptedStatusSource(ScriptedStatusSource.Status());
        var options = new SummaryOptions
        {
            Security = new() { ApiTokens = [Token], MaxConnections = 48 },
            Transport = new() { HeadersTimeout = TimeSpan.FromSeconds(1) },
            Streaming = new() { ReplayEvents = 64, QueueMax = 4096 },
        };
        await using var server = await TestServer.StartAsync(options, source);

        var healthy = new SseTestClient(server.BaseAddress, token: Token);
        await healthy.ConnectAsync("/summary/events", null);
        var (snapshot, _) = await healthy.NextNamedAsync("full_snapshot");

        // Events keep flowing for the whole run: the healthy client must see every one of them.
        using var stopPublishing = new CancellationTokenSource();
        var publisher = Task.Run(async () =>
        {
            using var pace = new PeriodicTimer(PublishInterval);
            var n = 0;
            try
            {
                while (await pace.WaitForNextTickAsync(stopPublishing.Token))
                {
                    source.Set(ScriptedStatusSource.Status(cpu: n++ % 1000));
                    await server.CycleAsync();
                }
            }
            catch (OperationCanceledException)
            {
                // Run over.
            }
        });

        // Half-sent requests that stall: Kestrel's header timeout must close them.
        var stalls = await Task.WhenAll(Enumerable.Range(0, Stalled).Select(_ => StallAsync(server.BaseAddress)));

        var statuses = new ConcurrentDictionary<int, int>();
        var versionRefusals = new ConcurrentBag<bool>();
        var timedOut = new ConcurrentBag<string>();
        var leaks = new ConcurrentBag<string>();
        var corpus = new ConcurrentQueue<byte[]>(HostileRequestCorpus.Generate(CorpusSize, Token));
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => Task.Run(async () =>
        {
            while (corpus.TryDequeue(out var request))
            {
                var response = await RawHttp.SendAsync(server.BaseAddress, request, TimeSpan.FromSeconds(3));
                statuses.AddOrUpdate(response.Status, 1, (_, c) => c + 1);
                if (response.TimedOut)
                {
                    var line = Encoding.Latin1.GetString(request);
                    line = line.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
                    timedOut.Add((line.Length > 400 ? line[..400] : line) + $" => {response.Status} {response.Text.Length}b");
                }
                if (response.Status >= 500)
                {
                    // Kestrel's parser answers 505 to a well-formed request line naming a version it does not
                    // speak (HTTP/2.0 or 9.9 over HTTP/1.x): the RFC 9110 answer, not a server failure. Any other
                    // 5xx, or a 505 for anything else, is a failure.
                    versionRefusals.Add(response.Status == 505 && NamesUnsupportedVersion(request));
                }
                if (LooksLikeLeak(response.Text))
                {
                    leaks.Add(response.Text.Length > 300 ? response.Text[..300] : response.Text);
                }
            }
        })));

        // A flood of well-formed streams past the cap.
        var flood = new List<SseTestClient>();
        var floodRefused = 0;
        for (var i = 0; i < options.Security.MaxConnections + 10; i++)
        {
            var client = new SseTestClient(server.BaseAddress, token: Token);
            await client.ConnectAsync("/summary/events", null);
            if (client.Response!.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Equal("5", client.Response.Headers.RetryAfter!.ToString());
                floodRefused++;
            }

            flood.Add(client);
        }

        var stallsClosed = await Task.WhenAll(stalls.Select(s => s.ClosedAsync(TimeSpan.FromSeconds(15))));
        await stopPublishing.CancelAsync();
        await publisher;
        foreach (var client in flood)
        {
            await client.DisposeAsync();
        }

        // Every published event reached the healthy client, in order, none missing.
        var last = server.Log.Current.Seq;
        var missed = 0L;
        var expected = snapshot.Seq + 1;
        while (expected <= last)
        {
            var evt = await healthy.NextAsync();
            missed += evt.Seq - expected;
            expected = evt.Seq + 1;
        }

        await healthy.DisposeAsync();
        var fivexx = statuses.Where(s => s.Key >= 500).Sum(s => s.Value);
        var serverErrors = versionRefusals.Count(ok => !ok);
        var logLeaks = server.Logs.Lines.Count(LooksLikeLeak);
        var report = new StringBuilder()
            .AppendLine($"requests tried: {CorpusSize} hostile + {Stalled} stalled + {flood.Count} flood streams")
            .AppendLine($"answers by status: {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{(s.Key == 0 ? "closed" : s.Key.ToString(System.Globalization.CultureInfo.InvariantCulture))}={s.Value}"))}")
            .AppendLine($"5xx answers: {serverErrors} server errors; {fivexx - serverErrors} were 505 to request lines naming another HTTP version (HTTP/2.0, 9.9, 1.1x, JUNK/1.1, none)")
            .AppendLine($"bodies with exception text: {leaks.Count}; log lines with exception text: {logLeaks} {string.Join(" | ", server.Logs.Lines.Where(LooksLikeLeak).Take(3))}")
            .AppendLine($"requests the server neither answered nor closed within the client's limit: {timedOut.Count} {string.Join(" | ", timedOut.Take(3))}")
            .AppendLine($"stalled requests closed by the server: {stallsClosed.Count(c => c)}/{Stalled}")
            .AppendLine($"flood: {floodRefused} refused with 429 past the cap of {options.Security.MaxConnections}")
            .AppendLine($"healthy client: {last - snapshot.Seq} events published, {missed} missed")
            .ToString();
        output.WriteLine(report);
        await File.WriteAllTextAsync(Path.Combine(AppContext.BaseDirectory, "hardening-fuzz-report.txt"), report);

        Assert.Equal(0, serverErrors);
        Assert.Empty(leaks);
        Assert.Equal(0, logLeaks);
        Assert.Equal(0, missed);
        Assert.All(stallsClosed, Assert.True);
        Assert.True(floodRefused >= 10, $"expected the flood past the cap to be refused, got {floodRefused}");
        Assert.True(statuses.GetValueOrDefault(200) > 50 && statuses.GetValueOrDefault(401) > 50 && statuses.GetValueOrDefault(413) > 50 && statuses.GetValueOrDefault(400) > 100, "the corpus should reach admitted, unauthorized and malformed paths");
    }

    private static bool NamesUnsupportedVersion(byte[] request)
    {
        var text = Encoding.Latin1.GetString(request);
        var firstLine = text[..Math.Max(0, text.IndexOf("\r\n", StringComparison.Ordinal))];
        var version = firstLine[(firstLine.LastIndexOf(' ') + 1)..];
        return version is not ("HTTP/1.0" or "HTTP/1.1");
    }

    private static bool LooksLikeLeak(string text) =>
        text.Contains("Exception", StringComparison.Ordinal)
        || text.Contains("   at ", StringComparison.Ordinal)
        || text.Contains("System.", StringComparison.Ordinal)
        || text.Contains("Microsoft.AspNetCore", StringComparison.Ordinal) && text.Contains("Kestrel", StringComparison.Ordinal) && text.Contains("line ", StringComparison.Ordinal);

    private static async Task<StalledRequest> StallAsync(Uri server)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, server.Port));
        await socket.SendAsync("GET /summary/events HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-To"u8.ToArray(), SocketFlags.None);
        return new StalledRequest(socket);
    }

    private sealed class StalledRequest(Socket socket)
    {
        /// <summary>True once the server has closed the connection (after an optional 408).</summary>
        public async Task<bool> ClosedAsync(TimeSpan limit)
        {
            using var cts = new CancellationTokenSource(limit);
            var buffer = new byte[1024];
            try
            {
                while (await socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token) > 0)
                {
                }

                return true;
            }
            catch (SocketException)
            {
                return true;
            }
            catch (OperationCanceledException)
            {
                return false;
            }
            finally
            {
                socket.Dispose();
            }
        }
    }
}
