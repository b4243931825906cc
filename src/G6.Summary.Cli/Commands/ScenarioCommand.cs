using System.CommandLine;

namespace G6.Summary.Cli.Commands;

/// <summary><c>g6-summary bench scenario</c>: placeholder until the scenario runner lands.</summary>
public static class ScenarioCommand
{
    public static Command Create() => new("scenario", "Start our server with a busy demo source and run the standard figures");
}
