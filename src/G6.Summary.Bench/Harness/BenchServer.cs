using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace G6.Summary.Bench.Harness;

/// <summary>
/// Our own server as a child process for <c>bench scenario</c>: <c>dotnet g6-summary.dll serve --port 0</c>
/// from this program's directory (so it is the same build), with a clean <c>G6_</c> environment of only
/// the settings given. The address is read from the start-up banner.
/// </summary>
public sealed partial class BenchServer : IAsyncDisposable
{
    private const int KeptLines = 50;

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly TaskCompletionSource<Uri> _events = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private BenchServer(Process process)
    {
        _process = process;
    }

    public int Pid => _process.Id;

    /// <summary>The last lines the server printed (stdout and stderr), for a failure message.</summary>
    public IReadOnlyList<string> RecentOutput => [.. _output];

    public static BenchServer Start(IReadOnlyDictionary<string, string> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var info = ProgramStartInfo.Create(["serve", "--port", "0"], settings);

        var server = new BenchServer(new Process { StartInfo = info, EnableRaisingEvents = true });
        server._process.OutputDataReceived += (_, e) => server.OnLine(e.Data);
        server._process.ErrorDataReceived += (_, e) => server.OnLine(e.Data);
        server._process.Start();
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        return server;
    }

    /// <summary>The events URL from the banner; throws if the server exits or stays silent.</summary>
    public async Task<Uri> WaitForEventsUrlAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var exited = _process.WaitForExitAsync(cancellationToken);
        var done = await Task.WhenAny(_events.Task, exited).WaitAsync(timeout, cancellationToken);
        if (done != _events.Task)
        {
            throw new InvalidOperationException("server exited before listening: " + string.Join(" | ", RecentOutput));
        }

        return await _events.Task;
    }

    /// <summary>SIGTERM (a graceful stop, as operators do), then a kill if it has not exited in time.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_process.HasExited)
        {
            return;
        }

        _ = NativeMethods.Kill(_process.Id, NativeMethods.SigTerm);
        try
        {
            await _process.WaitForExitAsync().WaitAsync(grace);
        }
        catch (TimeoutException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(10));
        _process.Dispose();
    }

    [GeneratedRegex(@"events\s+(https?://\S+/summary/events)")]
    private static partial Regex EventsLine();

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > KeptLines)
        {
            _output.TryDequeue(out _);
        }

        var match = EventsLine().Match(line);
        if (match.Success)
        {
            _events.TrySetResult(new Uri(match.Groups[1].Value));
        }
    }
}
