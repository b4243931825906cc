using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net.ServerSentEvents;
using System.Text.Json;
using G6.Summary.Cli.Diagnostics;
using G6.Summary.Protocol;

namespace G6.Summary.Cli.Commands;

/// <summary>
/// <c>g6-summary heartbeat-check</c>: watches a running server's stream for a while (five minutes by
/// default, the scope's idle test) and reports heartbeat drift. Point it at a server whose status does
/// not change (e.g. <c>serve --status</c> on a file nothing rewrites) so every heartbeat counts.
/// </summary>
public static class HeartbeatCheckCommand
{
    public static Command Create()
    {
        var url = new Option<string>("--url") { Description = "Server base address", DefaultValueFactory = _ => "http://127.0.0.1:9320" };
        var duration = new Option<double>("--duration") { Description = "Seconds to watch", DefaultValueFactory = _ => 300 };
        var refresh = new Option<double>("--refresh") { Description = "The server's G6_SUMMARY_REFRESH_SEC", DefaultValueFactory = _ => 1.0 };
        var token = new Option<string?>("--token") { Description = "X-API-Token, when the server requires one" };

        var command = new Command("heartbeat-check", "Watch an idle stream and report heartbeat drift (scope KPI: within ±1 cycle)")
        {
            url, duration, refresh, token,
        };
        command.SetAction(async (result, cancellation) =>
        {
            var seconds = result.GetValue(duration);
            var refreshSec = result.GetValue(refresh);
            if (!Uri.TryCreate(result.GetValue(url), UriKind.Absolute, out var baseUri) || seconds <= 0 || refreshSec <= 0)
            {
                await Console.Error.WriteLineAsync("heartbeat-check: need an absolute --url and positive --duration and --refresh");
                return 2;
            }

            using var watch = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            watch.CancelAfter(TimeSpan.FromSeconds(seconds));
            try
            {
                var report = await WatchAsync(baseUri, result.GetValue(token), TimeSpan.FromSeconds(refreshSec), watch.Token);
                Print(report, seconds);
                return report.Passed ? 0 : 1;
            }
            catch (HttpRequestException)
            {
                await Console.Error.WriteLineAsync($"heartbeat-check: cannot read {baseUri}summary/events");
                return 1;
            }
        });
        return command;
    }

    private static async Task<HeartbeatDriftReport> WatchAsync(Uri baseUri, string? token, TimeSpan refresh, CancellationToken stop)
    {
        using var http = new HttpClient { BaseAddress = baseUri, Timeout = Timeout.InfiniteTimeSpan };
        using var request = new HttpRequestMessage(HttpMethod.Get, "summary/events");
        if (token is not null)
        {
            request.Headers.Add(HeaderNames.ApiToken, token);
        }

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stop);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(stop);
        var clock = Stopwatch.StartNew();
        HeartbeatDriftAnalyzer? analyzer = null;
        try
        {
            await foreach (var item in SseParser.Create(body).EnumerateAsync(stop))
            {
                var received = clock.Elapsed.TotalMilliseconds;
                using var data = JsonDocument.Parse(item.Data);
                switch (item.EventType)
                {
                    case "hello":
                        analyzer = new HeartbeatDriftAnalyzer(refresh, data.RootElement.GetProperty("heartbeat_cycles").GetInt32());
                        break;
                    case "heartbeat":
                        analyzer?.OnHeartbeat(data.RootElement.GetProperty("cycle").GetInt64(), data.RootElement.GetProperty("ts").GetDouble(), received);
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"{clock.Elapsed.TotalSeconds,8:0.0}s  heartbeat cycle {data.RootElement.GetProperty("cycle").GetInt64()}"));
                        break;
                    case "bye":
                        return analyzer?.Report() ?? new HeartbeatDriftReport(0, 0, 0, 0, 0);
                    default:
                        analyzer?.OnOtherEvent();
                        break;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The watch period is over.
        }

        return analyzer?.Report() ?? new HeartbeatDriftReport(0, 0, 0, 0, 0);
    }

    private static void Print(HeartbeatDriftReport report, double seconds)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"heartbeat-check: {report.Heartbeats} heartbeats in {seconds:0} s, {report.OtherEvents} other events, {report.SpacingViolations} spacing violations"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"heartbeat-check: max drift {report.MaxServerDriftCycles:0.000} cycles by server time, {report.MaxClientDriftCycles:0.000} by client time (allowed {HeartbeatDriftReport.AllowedDriftCycles:0.#})"));
        Console.WriteLine(report.Passed ? "heartbeat-check: PASS" : "heartbeat-check: FAIL");
    }
}
