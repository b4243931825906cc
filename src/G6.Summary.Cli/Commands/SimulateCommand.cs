using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using G6.Summary.Bench.Simulation;
using G6.Summary.Hosting;
using G6.Summary.Status;
using Microsoft.Extensions.Logging;

namespace G6.Summary.Cli.Commands;

/// <summary><c>g6-summary simulate</c>: writes the demo collector's status to a file, atomically, like the platform does.</summary>
public static class SimulateCommand
{
    public static Command Create(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var output = new Option<string?>("--out") { Description = "Status file to write (temp file + rename each cycle)" };
        var push = new Option<string?>("--push") { Description = "Push each changed status to this server (POST /summary/status) instead of writing a file" };
        var token = new Option<string?>("--token") { Description = "Publish token for --push (prefer --token-file)" };
        var tokenFile = new Option<string?>("--token-file") { Description = $"File holding the publish token for --push (default: ${Configuration.SettingNames.PublishTokenFile}, then ${Configuration.SettingNames.PublishToken})" };
        var interval = new Option<double>("--interval") { Description = "Seconds between writes", DefaultValueFactory = _ => 1.0 };
        var cycles = new Option<int?>("--cycles") { Description = "Stop after this many cycles (default: run until Ctrl+C)" };
        var seed = new Option<int>("--seed") { Description = "Random seed of the simulated market", DefaultValueFactory = _ => StatusSourceRegistration.DemoSeed };

        var command = new Command("simulate", "Write simulated platform status to a file (or push it to a server), as the G6 collector does")
        {
            output, push, token, tokenFile, interval, cycles, seed,
        };
        command.SetAction(async (result, _) =>
        {
            var seconds = result.GetValue(interval);
            if (!double.IsFinite(seconds) || seconds < 0.01 || seconds > 3600)
            {
                await Console.Error.WriteLineAsync("invalid --interval: must be seconds from 0.01 to 3600");
                return 2;
            }

            var path = result.GetValue(output);
            var pushUrl = result.GetValue(push);
            if ((path is null) == (pushUrl is null))
            {
                await Console.Error.WriteLineAsync("simulate: give either --out FILE or --push URL");
                return 2;
            }

            using var stop = new CancellationTokenSource();
            using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
            void Stop(PosixSignalContext context)
            {
                context.Cancel = true;
                stop.Cancel();
            }

            var collector = new DemoCollector(result.GetValue(seed), TimeProvider.System);
            // A real logger: the simulator's "write failed; retrying" warning is what an operator needs to see.
            using var logging = LoggerFactory.Create(builder => builder.AddOperatorConsole());
            var simulator = new StatusSimulator(collector, TimeProvider.System, logging.CreateLogger<StatusSimulator>());
            var every = TimeSpan.FromSeconds(seconds);
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            try
            {
                if (pushUrl is not null)
                {
                    if (!Uri.TryCreate(pushUrl, UriKind.Absolute, out var baseUri) || baseUri.Scheme is not ("http" or "https"))
                    {
                        await Console.Error.WriteLineAsync("simulate: --push must be an absolute http or https address");
                        return 2;
                    }

                    var (publishToken, tokenError) = TokenSources.Resolve("simulate", result.GetValue(token), result.GetValue(tokenFile),
                        Configuration.SettingNames.PublishTokenFile, Configuration.SettingNames.PublishToken, environment);
                    if (tokenError is not null || publishToken is null)
                    {
                        await Console.Error.WriteLineAsync(tokenError ?? "simulate: --push needs a publish token (--token-file or --token)");
                        return 2;
                    }

                    var pusher = new Client.StatusPushClient(http, baseUri, publishToken);
                    Console.WriteLine($"simulate: pushing to {baseUri} every {seconds.ToString("0.###", CultureInfo.InvariantCulture)} s; Ctrl+C stops");
                    await simulator.RunAsync(baseUri.ToString(), async (bytes, token) =>
                    {
                        var (answer, failure) = await PushCommand.PushWithRetriesAsync(pusher, bytes, token);
                        return answer is { Succeeded: true } ? null : failure;
                    }, every, result.GetValue(cycles), stop.Token);
                    return 0;
                }

                Console.WriteLine($"simulate: writing {path} every {seconds.ToString("0.###", CultureInfo.InvariantCulture)} s; Ctrl+C stops");
                await simulator.RunAsync(path!, every, result.GetValue(cycles), stop.Token);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C: the last write was atomic, so the file is whole.
            }
            catch (IOException)
            {
                await Console.Error.WriteLineAsync($"simulate: cannot write {Path.GetFileName(path ?? string.Empty)}");
                return 1;
            }
            catch (UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync($"simulate: no permission to write {Path.GetFileName(path ?? string.Empty)}");
                return 1;
            }

            return 0;
        });
        return command;
    }
}
