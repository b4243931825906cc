using System.CommandLine;
using System.Text.Json;
using G6.Summary.Bench.Harness;

namespace G6.Summary.Bench.Commands;

/// <summary>
/// <c>g6-summary bench</c>: the load harness against any running stream; <c>bench scenario</c>, which
/// starts our own server and runs the standard figures; and <c>bench stall</c>, stalled readers against
/// send-buffer settings side by side (docs/STREAMING.md, Performance).
/// </summary>
public static class BenchCommand
{
    public const int ExitOk = 0;
    public const int ExitIncomplete = 1;
    public const int ExitUsage = 2;

    public static Command Create()
    {
        var url = new Option<string>("--url") { Description = "Server base address or full events URL (any SSE server whose JSON data has a numeric ts)", DefaultValueFactory = _ => "http://127.0.0.1:9320" };
        var streams = new Option<int>("--streams") { Description = "Concurrent streams to open", DefaultValueFactory = _ => 100 };
        var rampUp = new Option<double>("--ramp-up") { Description = "Seconds over which connects are spread evenly (0: all at once)", DefaultValueFactory = _ => 0 };
        var warmup = new Option<double>("--warmup") { Description = "Seconds after the ramp before measuring", DefaultValueFactory = _ => 2 };
        var duration = new Option<double>("--duration") { Description = "Seconds to measure", DefaultValueFactory = _ => 30 };
        var token = new Option<string?>("--token") { Description = "X-API-Token to send" };
        var userAgent = new Option<string>("--user-agent") { Description = "User-Agent to send", DefaultValueFactory = _ => BenchOptions.DefaultUserAgent };
        var serverPid = new Option<int?>("--server-pid") { Description = "The server's process id (same machine): report its CPU and resident memory" };
        var connectTimeout = new Option<double>("--connect-timeout") { Description = "Seconds a connect may take (through response headers)", DefaultValueFactory = _ => BenchOptions.DefaultConnectTimeout.TotalSeconds };
        var reader = new Option<BenchReader?>("--reader") { Description = "How streams are read: Epoll (Linux, the default there) or Sockets (.NET sockets, any OS)" };
        var reconnect = new Option<bool>("--reconnect") { Description = "Reconnect a stream that ends (bye, closed, refused) with Last-Event-ID after 250 ms, and count resumes, full snapshots and gaps across reconnects (uses the Sockets reader)" };
        var gzip = new Option<bool>("--gzip") { Description = "Send Accept-Encoding: gzip and inflate each stream as it arrives; the report gives bytes per event on the wire" };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON instead of a table" };
        var output = new Option<string?>("--out") { Description = "Also write the JSON report to this file" };

        var command = new Command("bench", "Load harness: open M concurrent streams, report events/s, dispatch latency, gaps, server CPU and memory")
        {
            url, streams, rampUp, warmup, duration, token, userAgent, serverPid, connectTimeout, reader, reconnect, gzip, json, output,
            ScenarioCommand.Create(),
            StallCommand.Create(),
        };
        command.SetAction(async (result, cancellation) =>
        {
            InlineSocketCompletions.Enable();
            Uri eventsUrl;
            try
            {
                eventsUrl = BenchOptions.ResolveEventsUrl(result.GetValue(url)!);
            }
            catch (UriFormatException)
            {
                await Console.Error.WriteLineAsync("bench: --url must be an absolute http:// address");
                return ExitUsage;
            }

            var options = new BenchOptions(
                eventsUrl,
                result.GetValue(streams),
                TimeSpan.FromSeconds(result.GetValue(rampUp)),
                TimeSpan.FromSeconds(result.GetValue(warmup)),
                TimeSpan.FromSeconds(result.GetValue(duration)),
                result.GetValue(token),
                result.GetValue(userAgent)!,
                result.GetValue(serverPid),
                TimeSpan.FromSeconds(result.GetValue(connectTimeout)),
                result.GetValue(reader),
                result.GetValue(reconnect),
                result.GetValue(gzip));
            if (options.ReaderInUse == BenchReader.Epoll && !OperatingSystem.IsLinux())
            {
                await Console.Error.WriteLineAsync("bench: --reader Epoll needs Linux; use --reader Sockets");
                return ExitUsage;
            }

            if (options.Streams <= 0 || options.RampUp < TimeSpan.Zero || options.Warmup < TimeSpan.Zero || options.Duration <= TimeSpan.Zero
                || options.ConnectTimeout <= TimeSpan.Zero || eventsUrl.Scheme != Uri.UriSchemeHttp)
            {
                await Console.Error.WriteLineAsync("bench: need --streams > 0, --duration > 0, --connect-timeout > 0, non-negative --ramp-up and --warmup, and an http:// --url (the harness speaks plain HTTP/1.1)");
                return ExitUsage;
            }

            if (FileDescriptorLimit.CheckFits(options.Streams, FileDescriptorLimit.RaiseToHardLimit()) is { } problem)
            {
                await Console.Error.WriteLineAsync("bench: " + problem);
                return ExitUsage;
            }

            BenchReport report;
            try
            {
                report = await new BenchRunner(options, Console.Error).RunAsync(cancellation);
            }
            catch (ArgumentException ex)
            {
                // The URL's host does not resolve, or a header value cannot be sent.
                await Console.Error.WriteLineAsync("bench: " + ex.Message);
                return ExitUsage;
            }

            await WriteAsync(report, result.GetValue(json), result.GetValue(output));
            return report.Complete ? ExitOk : ExitIncomplete;
        });
        return command;
    }

    private static async Task WriteAsync(BenchReport report, bool json, string? path)
    {
        var text = JsonSerializer.Serialize(report, BenchJsonContext.Default.BenchReport);
        if (json)
        {
            await Console.Out.WriteLineAsync(text);
        }
        else
        {
            BenchTablePrinter.Print(report, Console.Out);
        }

        if (path is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            await File.WriteAllTextAsync(path, text + "\n");
        }
    }
}
