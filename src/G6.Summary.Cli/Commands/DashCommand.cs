using System.CommandLine;
using G6.Summary.Cli.Dashboard;
using G6.Summary.Client;
using G6.Summary.Configuration;

namespace G6.Summary.Cli.Commands;

/// <summary>
/// <c>g6-summary dash</c>: the terminal dashboard. Follows a server (<c>--url</c>, through the client
/// library) or reads a status file directly (<c>--status</c>); full-screen on a terminal, plain text frames
/// when <c>--plain</c> is given or the output is not a terminal.
/// </summary>
public static class DashCommand
{
    public const int ExitOk = 0;
    public const int ExitBadArguments = 2;

    /// <param name="environment">Reads an environment variable; tests pass their own so nothing global changes.</param>
    public static Command Create(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var url = new Option<string?>("--url") { Description = $"Server base address (default http://127.0.0.1:{TransportOptions.DefaultPort} when --status is not given)" };
        var token = new Option<string?>("--token") { Description = "X-API-Token for servers that require one (visible in the process list: prefer --token-file)" };
        var tokenFile = new Option<string?>("--token-file") { Description = $"File holding the token (the first of its tokens; default: ${SettingNames.ApiTokenFile}, then ${SettingNames.ApiToken})" };
        var panels = new Option<string?>("--panels") { Description = "Follow only these panels (comma-separated keys, e.g. indices,alerts): the server sends nothing else" };
        var gzip = new Option<bool>("--gzip") { Description = "Ask for the stream gzip-compressed (about half the bytes; worth it across a WAN)" };
        var status = new Option<string?>("--status") { Description = "Read this status file directly, with no server (same panels)" };
        var plain = new Option<bool>("--plain") { Description = "Print a text frame whenever something changes (automatic when output is not a terminal)" };
        var refresh = new Option<double>("--refresh") { Description = "Seconds between reads of --status", DefaultValueFactory = _ => StatusOptions.DefaultRefreshSec };
        var staleAfter = new Option<double?>("--stale-after") { Description = "Seconds without news before the data counts as stale (default: 3 heartbeat periods for --url, 180 for --status)" };
        var maxFrames = new Option<int?>("--max-frames") { Description = "Stop after this many frames (scripts, tests)" };
        var duration = new Option<double?>("--duration") { Description = "Stop after this many seconds" };

        var command = new Command("dash", "Terminal dashboard of the summary panels (q or Ctrl+C quits)")
        {
            url, token, tokenFile, panels, gzip, status, plain, refresh, staleAfter, maxFrames, duration,
        };
        command.SetAction(async (result, cancellation) =>
        {
            var output = result.InvocationConfiguration.Output;
            var error = result.InvocationConfiguration.Error;
            var statusFile = result.GetValue(status);
            var urlText = result.GetValue(url);
            var stale = result.GetValue(staleAfter);
            var refreshSec = result.GetValue(refresh);
            if (statusFile is not null && urlText is not null)
            {
                await error.WriteLineAsync("dash: give either --url or --status, not both");
                return ExitBadArguments;
            }

            var subset = result.GetValue(panels)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (subset is not null && (statusFile is not null || subset.Length == 0 || subset.Any(k => !k.All(c => c is (>= 'a' and <= 'z') or '_'))))
            {
                await error.WriteLineAsync("dash: --panels takes panel keys (a-z, _) separated by commas, and only with --url");
                return ExitBadArguments;
            }

            if (stale is <= 0 || refreshSec <= 0 || result.GetValue(maxFrames) is <= 0 || result.GetValue(duration) is <= 0)
            {
                await error.WriteLineAsync("dash: --refresh, --stale-after, --max-frames and --duration must be positive");
                return ExitBadArguments;
            }

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            if (result.GetValue(duration) is { } seconds)
            {
                stop.CancelAfter(TimeSpan.FromSeconds(seconds));
            }

            var time = TimeProvider.System;
            SummaryClient? client = null;
            IDashSource source;
            if (statusFile is not null)
            {
                source = new LocalDashSource(statusFile, TimeSpan.FromSeconds(refreshSec),
                    TimeSpan.FromSeconds(stale ?? StatusOptions.DefaultStaleSec), time);
            }
            else
            {
                var address = urlText ?? $"http://127.0.0.1:{TransportOptions.DefaultPort}";
                if (!Uri.TryCreate(address, UriKind.Absolute, out var baseUri) || (baseUri.Scheme != Uri.UriSchemeHttp && baseUri.Scheme != Uri.UriSchemeHttps))
                {
                    await error.WriteLineAsync($"dash: --url must be an absolute http or https address (got \"{address}\")");
                    return ExitBadArguments;
                }

                var (apiToken, tokenError) = TokenSources.Resolve("dash", result.GetValue(token), result.GetValue(tokenFile), SettingNames.ApiTokenFile, SettingNames.ApiToken, environment);
                if (tokenError is not null)
                {
                    await error.WriteLineAsync(tokenError);
                    return ExitBadArguments;
                }

                client = new SummaryClient(new SummaryClientOptions
                {
                    BaseAddress = baseUri,
                    ApiToken = apiToken,
                    Panels = subset,
                    AcceptGzip = result.GetValue(gzip),
                    UserAgent = $"g6-summary-dash/{Publishing.EventEncoder.ServerVersion}",
                    StaleAfter = stale is { } s ? TimeSpan.FromSeconds(s) : null,
                });
                source = new RemoteDashSource(client, baseUri);
            }

            try
            {
                var interactive = !result.GetValue(plain) && ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
                if (interactive)
                {
                    await InteractiveDashboard.RunAsync(source, time, result.GetValue(maxFrames), stop.Token);
                }
                else
                {
                    // Plain mode has no key reader; Ctrl+C still arrives as the invocation's cancellation.
                    using var ctrlC = CancelOnCtrlC(stop);
                    await PlainDashboard.RunAsync(source, output, time, result.GetValue(maxFrames), stop.Token);
                }
            }
            finally
            {
                if (client is not null)
                {
                    await client.DisposeAsync();
                }
            }

            return ExitOk;
        });
        return command;
    }

    /// <summary>Program.cs turns System.CommandLine's signal handling off, so plain mode handles Ctrl+C itself.</summary>
    private static CancelKeyScope CancelOnCtrlC(CancellationTokenSource stop) => new(stop);

    private sealed class CancelKeyScope : IDisposable
    {
        private readonly CancellationTokenSource _stop;

        public CancelKeyScope(CancellationTokenSource stop)
        {
            _stop = stop;
            Console.CancelKeyPress += OnCancel;
        }

        public void Dispose() => Console.CancelKeyPress -= OnCancel;

        private void OnCancel(object? sender, ConsoleCancelEventArgs e)
        {
            e.Cancel = true;
            _stop.Cancel();
        }
    }
}
