using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using G6.Summary.Bench.Harness;

namespace G6.Summary.Bench.Commands;

/// <summary>
/// <c>g6-summary bench scenario</c>: starts our own server (this build) with the busy demo source and runs
/// the standard figures, printing a table and archiving the JSON under <c>archive/&lt;date&gt;/</c>.
/// </summary>
public static class ScenarioCommand
{
    public static Command Create()
    {
        var streams = new Option<string>("--streams") { Description = "Stream counts, one flow step each (comma-separated)", DefaultValueFactory = _ => string.Join(',', ScenarioOptions.StandardStreams) };
        var rate = new Option<double>("--rate") { Description = "Events per second the demo source publishes", DefaultValueFactory = _ => 10 };
        var duration = new Option<double>("--duration") { Description = "Seconds measured per flow step", DefaultValueFactory = _ => 30 };
        var idleBaseline = new Option<double>("--idle-baseline") { Description = "Seconds of server CPU measured with no stream, before each flow step", DefaultValueFactory = _ => 10 };
        var noIdle = new Option<bool>("--no-idle-memory") { Description = "Skip the idle step (memory per open stream at the largest count)" };
        var archive = new Option<string>("--archive") { Description = "Directory for the JSON result (a dated folder is made in it)", DefaultValueFactory = _ => "archive" };
        var name = new Option<string?>("--name") { Description = "File name of the result (default scenario-HHmmss)" };
        var serverSet = new Option<string[]>("--server-set") { Description = "A G6_NAME=VALUE setting for the server (repeatable), e.g. to try a tuning", AllowMultipleArgumentsPerToken = false };
        var reader = new Option<BenchReader?>("--reader") { Description = "How the harness reads streams: Epoll (Linux, the default there) or Sockets (.NET sockets)" };
        var encodings = new Option<string>("--encodings") { Description = "What streams ask for, a step each per count, side by side: identity, gzip or identity,gzip", DefaultValueFactory = _ => ScenarioOptions.Identity };
        var idleStreams = new Option<string?>("--idle-streams") { Description = "Stream counts for the idle-memory step (comma-separated; default: the largest --streams)" };
        var query = new Option<string?>("--query") { Description = "A query for every stream's URL, e.g. panels=indices,alerts (a panel subset)" };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON instead of a table" };

        var command = new Command("scenario", "Start our server with a busy demo source and run the standard figures (docs/STREAMING.md, Performance)")
        {
            streams, rate, duration, idleBaseline, noIdle, archive, name, serverSet, reader, encodings, idleStreams, query, json,
        };
        command.SetAction(async (result, cancellation) =>
        {
            InlineSocketCompletions.Enable();
            var counts = ParseCounts(result.GetValue(streams));
            var settings = ParseServerSettings(result.GetValue(serverSet));
            if (settings is null)
            {
                await Console.Error.WriteLineAsync("bench scenario: --server-set expects G6_NAME=VALUE");
                return BenchCommand.ExitUsage;
            }

            var codings = ParseEncodings(result.GetValue(encodings));
            var idleCounts = result.GetValue(idleStreams) is { } idleText ? ParseCounts(idleText) : [];
            if (codings is null || idleCounts is null)
            {
                await Console.Error.WriteLineAsync("bench scenario: --encodings takes identity and/or gzip (comma-separated); --idle-streams positive counts");
                return BenchCommand.ExitUsage;
            }

            var options = new ScenarioOptions(
                counts ?? [],
                result.GetValue(rate),
                TimeSpan.FromSeconds(result.GetValue(duration)),
                TimeSpan.FromSeconds(result.GetValue(idleBaseline)),
                !result.GetValue(noIdle),
                settings,
                result.GetValue(reader),
                codings,
                idleCounts,
                result.GetValue(query));
            if (counts is null || counts.Count == 0 || options.Rate is <= 0 or > 1000 || options.Duration <= TimeSpan.Zero || options.IdleBaseline <= TimeSpan.Zero)
            {
                await Console.Error.WriteLineAsync("bench scenario: need --streams of positive counts (e.g. 1,10,100), --rate from 0 to 1000, and positive --duration and --idle-baseline");
                return BenchCommand.ExitUsage;
            }

            if (FileDescriptorLimit.CheckFits(Math.Max(counts.Max(), idleCounts.Count > 0 ? idleCounts.Max() : 0), FileDescriptorLimit.RaiseToHardLimit()) is { } problem)
            {
                await Console.Error.WriteLineAsync("bench scenario: " + problem);
                return BenchCommand.ExitUsage;
            }

            var report = await new ScenarioRunner(options, Console.Error).RunAsync(cancellation);
            var text = JsonSerializer.Serialize(report, BenchJsonContext.Default.ScenarioReport);
            var file = await BenchArchive.WriteAsync(result.GetValue(archive)!, result.GetValue(name), "scenario", report.StartedAt, text, cancellation);
            if (result.GetValue(json))
            {
                await Console.Out.WriteLineAsync(text);
            }
            else
            {
                ScenarioTablePrinter.Print(report, Console.Out);
            }

            await Console.Error.WriteLineAsync("bench scenario: wrote " + file);
            return report.Targets.All(t => t.Met != false) ? BenchCommand.ExitOk : BenchCommand.ExitIncomplete;
        });
        return command;
    }

    /// <summary><c>--server-set</c> values (<c>G6_NAME=VALUE</c> each) as settings; null when one is not of that form.</summary>
    internal static Dictionary<string, string>? ParseServerSettings(IEnumerable<string>? pairs)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs ?? [])
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || !pair.StartsWith("G6_", StringComparison.Ordinal))
            {
                return null;
            }

            settings[pair[..eq]] = pair[(eq + 1)..];
        }

        return settings;
    }

    /// <summary>"identity,gzip" → both; null when a part is neither.</summary>
    internal static List<string>? ParseEncodings(string? text)
    {
        var parts = (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        return parts.Count > 0 && parts.All(p => p is ScenarioOptions.Identity or ScenarioOptions.Gzip) ? parts : null;
    }

    /// <summary>"1,10,100" → [1, 10, 100]; null when any part is not a positive whole number.</summary>
    internal static List<int>? ParseCounts(string? text)
    {
        var counts = new List<int>();
        foreach (var part in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0)
            {
                return null;
            }

            counts.Add(n);
        }

        return [.. counts.Distinct()];
    }
}
