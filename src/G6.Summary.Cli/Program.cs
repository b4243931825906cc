using System.CommandLine;
using G6.Summary.Bench.Commands;
using G6.Summary.Cli.Commands;

// g6-summary: one program, one subcommand per job. Signals are left to each command (the web host
// handles SIGINT/SIGTERM itself for a graceful stop), so System.CommandLine's own handler is off.
var root = new RootCommand("G6 summary streaming service: turns the platform's status file into a live, verifiable SSE stream.")
{
    ServeCommand.Create(),
    SimulateCommand.Create(),
    PushCommand.Create(),
    CheckFlagsCommand.Create(),
    HeartbeatCheckCommand.Create(),
    DashCommand.Create(),
    BenchCommand.Create(),
};

return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
