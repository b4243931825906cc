namespace G6.Summary.Cli.Dashboard;

/// <summary>Where the dashboard's data comes from: a remote server or a local status file.</summary>
public interface IDashSource
{
    /// <summary>The latest snapshot; safe to read from any thread.</summary>
    DashSnapshot Current { get; }

    /// <summary>Runs until cancelled, calling <paramref name="changed"/> (from any thread) after every change.</summary>
    Task RunAsync(Action changed, CancellationToken cancellationToken);
}
