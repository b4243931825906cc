using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using G6.Summary.Bench.Harness;
using G6.Summary.Configuration;

namespace G6.Summary.Bench.Commands;

/// <summary>
/// <c>g6-summary bench stall</c>: stalled readers and healthy streams against our own server for several
/// values of <c>G6_SSE_SEND_BUFFER_BYTES</c> side by side (docs/STREAMING.md, Performance); prints a
/// table and archives the JSON under <c>archive/&lt;date&gt;/</c>.
/// </summary>
public static class StallCommand
{
    public static Command Create()
    {
        var sendBuffers = new Option<string>("--send-buffer") { Description = "G6_SSE_SEND_BUFFER_BYTES values to compare, comma-separated; 'default' is the server's own, 0 the kernel's autotuning", DefaultValueFactory = _ => "default,0" };
        var stalled = new Option<string>("--stalled") { Description = "Stall steps: readers that stall at once (comma-separated)", DefaultValueFactory = _ => "1,1000" };
        var flow = new Option<string>("--flow") { Description = "Flow steps as in 'bench scenario': healthy stream counts for p99 (comma-separated; empty for none)", DefaultValueFactory = _ => "" };
        var rate = new Option<double>("--rate") { Description = "Status rewrites (events) per second in stall steps", DefaultValueFactory = _ => 100 };
        var indices = new Option<int>("--indices") { Description = "Indices in the status: 32 give events of about 3 KB", DefaultValueFactory = _ => 32 };
        var queueMax = new Option<int>("--queue-max") { Description = "G6_SSE_QUEUE_MAX of the stall steps' server", DefaultValueFactory = _ => 16 };
        var stall = new Option<double>("--stall") { Description = "Seconds the stalled readers stop reading", DefaultValueFactory = _ => StallOptions.DefaultStall.TotalSeconds };
        var receiveBuffer = new Option<int>("--receive-buffer") { Description = "SO_RCVBUF of each stalled reader, bytes", DefaultValueFactory = _ => 4096 };
        var guard = new Option<double>("--tcp-mem-guard") { Description = "End a stall early when TCP memory passes this share of tcp_mem's first (unregulated) threshold", DefaultValueFactory = _ => 0.5 };
        var flowRate = new Option<double>("--flow-rate") { Description = "Events per second of the flow steps' busy demo source", DefaultValueFactory = _ => 10 };
        var flowDuration = new Option<double>("--flow-duration") { Description = "Seconds measured per flow step", DefaultValueFactory = _ => 30 };
        var serverSet = new Option<string[]>("--server-set") { Description = "A G6_NAME=VALUE setting for every step's server (repeatable), e.g. G6_SSE_DIRECT_STREAMS=0", AllowMultipleArgumentsPerToken = false };
        var reader = new Option<BenchReader?>("--reader") { Description = "How flow steps read streams: Epoll (Linux, the default there) or Sockets" };
        var archive = new Option<string>("--archive") { Description = "Directory for the JSON result (a dated folder is made in it)", DefaultValueFactory = _ => "archive" };
        var name = new Option<string?>("--name") { Description = "File name of the result (default stall-HHmmss)" };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON instead of a table" };

        var command = new Command("stall", "Stalled readers (staleness, kernel TCP memory) and healthy streams (p99) for send-buffer values side by side (docs/STREAMING.md, Performance)")
        {
            sendBuffers, stalled, flow, rate, indices, queueMax, stall, receiveBuffer, guard, flowRate, flowDuration, serverSet, reader, archive, name, json,
        };
        command.SetAction(async (result, cancellation) =>
        {
            InlineSocketCompletions.Enable();
            var settings = ScenarioCommand.ParseServerSettings(result.GetValue(serverSet));
            if (settings is null || settings.ContainsKey(SettingNames.SendBufferBytes))
            {
                await Console.Error.WriteLineAsync("bench stall: --server-set expects G6_NAME=VALUE (the send buffer is --send-buffer's)");
                return BenchCommand.ExitUsage;
            }

            var buffers = ParseSendBuffers(result.GetValue(sendBuffers));
            var stalledCounts = ScenarioCommand.ParseCounts(result.GetValue(stalled));
            var flowCounts = ScenarioCommand.ParseCounts(result.GetValue(flow));
            var options = new StallOptions(
                buffers ?? [],
                stalledCounts ?? [],
                flowCounts ?? [],
                result.GetValue(rate),
                result.GetValue(indices),
                result.GetValue(queueMax),
                TimeSpan.FromSeconds(result.GetValue(stall)),
                result.GetValue(receiveBuffer),
                result.GetValue(guard),
                result.GetValue(flowRate),
                TimeSpan.FromSeconds(result.GetValue(flowDuration)),
                result.GetValue(reader),
                settings);
            if (buffers is null || buffers.Count == 0 || stalledCounts is null || flowCounts is null || stalledCounts.Count + flowCounts.Count == 0
                || options.RatePerSec is <= 0 or > 1000 || options.Indices is < 1 or > 1000 || options.QueueMax < 1
                || options.StallTime <= TimeSpan.Zero || options.StallTime > TimeSpan.FromMinutes(10) || options.ReceiveBufferBytes < 1024
                || options.TcpMemoryGuard is <= 0 or > 1 || options.FlowRatePerSec is <= 0 or > 1000 || options.FlowTime <= TimeSpan.Zero)
            {
                await Console.Error.WriteLineAsync(
                    "bench stall: need --send-buffer of 'default', 0 or bytes; positive --stalled or --flow counts; --rate and --flow-rate from 0 to 1000; "
                    + "--indices 1-1000; --queue-max >= 1; --stall up to 600 s; --receive-buffer >= 1024; --tcp-mem-guard in (0, 1]; positive --flow-duration");
                return BenchCommand.ExitUsage;
            }

            var most = Math.Max(stalledCounts.Count == 0 ? 0 : stalledCounts.Max() + 1, flowCounts.Count == 0 ? 0 : flowCounts.Max());
            if (FileDescriptorLimit.CheckFits(most, FileDescriptorLimit.RaiseToHardLimit()) is { } problem)
            {
                await Console.Error.WriteLineAsync("bench stall: " + problem);
                return BenchCommand.ExitUsage;
            }

            var report = await new StallRunner(options, Console.Error).RunAsync(cancellation);
            var text = JsonSerializer.Serialize(report, BenchJsonContext.Default.StallReport);
            var file = await BenchArchive.WriteAsync(result.GetValue(archive)!, result.GetValue(name), "stall", report.StartedAt, text, cancellation);
            if (result.GetValue(json))
            {
                await Console.Out.WriteLineAsync(text);
            }
            else
            {
                StallTablePrinter.Print(report, Console.Out);
            }

            await Console.Error.WriteLineAsync("bench stall: wrote " + file);
            return BenchCommand.ExitOk;
        });
        return command;
    }

    /// <summary>"default,0,65536" → [null, 0, 65536]; null when a part is neither 'default' nor a valid setting value.</summary>
    public static List<int?>? ParseSendBuffers(string? text)
    {
        var values = new List<int?>();
        foreach (var part in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (string.Equals(part, "default", StringComparison.OrdinalIgnoreCase))
            {
                values.Add(null);
            }
            else if (int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes)
                && (bytes == 0 || bytes is >= TransportOptions.MinSendBufferBytes and <= TransportOptions.MaxSendBufferBytes))
            {
                values.Add(bytes);
            }
            else
            {
                return null;
            }
        }

        return [.. values.Distinct()];
    }
}
