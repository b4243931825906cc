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
    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "Status file to write (temp file + rename each cycle)", Required = true };
        var interval = new Option<double>("--interval") { Description = "Seconds between writes", DefaultValueFactory = _ => 1.0 };
        var cycles = new Option<int?>("--cycles") { Description = "Stop after this many cycles (default: run until Ctrl+C)" };
        var seed = new Option<int>("--seed") { Description = "Random seed of the simulated market", DefaultValueFactory = _ => StatusSourceRegistration.DemoSeed };

        var command = new Command("simulate", "Write simulated platform status to a file, as the G6 collector does") { output, interval, cycles, seed };
        command.SetAction(async (result, _) =>
        {
            var seconds = result.GetValue(interval);
            if (!double.IsFinite(seconds) || seconds < 0.01 || seconds > 3600)
            {
                await Console.Error.WriteLineAsync("invalid --interval: must be seconds from 0.01 to 3600");
                return 2;
            }

            var path = result.GetValue(output)!;
            using var stop = new CancellationTokenSource();
            using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
            void Stop(PosixSignalContext context)
            {
                context.Cancel = true;
                stop.Cancel();
            }

            Console.WriteLine($"simulate: writing {path} every {seconds.ToString("0.###", CultureInfo.InvariantCulture)} s; Ctrl+C stops");
            var collector = new DemoCollector(result.GetValue(seed), TimeProvider.System);
            // A real logger: the simulator's "write failed; retrying" warning is what an operator needs to see.
            using var logging = LoggerFactory.Create(builder => builder.AddOperatorConsole());
            var simulator = new StatusSimulator(collector, TimeProvider.System, logging.CreateLogger<StatusSimulator>());
            try
            {
                await simulator.RunAsync(path, TimeSpan.FromSeconds(seconds), result.GetValue(cycles), stop.Token);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C: the last write was atomic, so the file is whole.
            }
            catch (IOException)
            {
                await Console.Error.WriteLineAsync($"simulate: cannot write {Path.GetFileName(path)}");
                return 1;
            }
            catch (UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync($"simulate: no permission to write {Path.GetFileName(path)}");
                return 1;
            }

            return 0;
        });
        return command;
    }
}
