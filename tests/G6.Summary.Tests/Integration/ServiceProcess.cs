using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using G6.Summary.Bench.Harness;

namespace G6.Summary.Tests.Integration;

/// <summary>
/// Runs the real <c>g6-summary</c> program (built next to the tests) as a child process, with a clean
/// environment of only the G6_ settings the test gives, and captures its output line by line.
/// </summary>
internal sealed partial class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _stdout = new();
    private readonly ConcurrentQueue<string> _stderr = new();
    private readonly TaskCompletionSource<Uri> _address = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServiceProcess(Process process)
    {
        _process = process;
    }

    public IReadOnlyList<string> Stdout => [.. _stdout];

    public IReadOnlyList<string> Stderr => [.. _stderr];

    public int Id => _process.Id;

    public static ServiceProcess Start(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var info = ProgramStartInfo.Create(arguments, environment);
        var service = new ServiceProcess(new Process { StartInfo = info, EnableRaisingEvents = true });
        service._process.OutputDataReceived += (_, e) => service.OnStdout(e.Data);
        service._process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                service._stderr.Enqueue(e.Data);

                // With G6_LOG_FORMAT=json the banner goes to standard error, so standard output is JSON only.
                service.FindAddress(e.Data);
            }
        };
        service._process.Start();
        service._process.BeginOutputReadLine();
        service._process.BeginErrorReadLine();
        return service;
    }

    /// <summary>The base address from the start-up banner.</summary>
    public async Task<Uri> WaitForAddressAsync(TimeSpan timeout)
    {
        var exited = _process.WaitForExitAsync();
        var done = await Task.WhenAny(_address.Task, exited).WaitAsync(timeout);
        if (done != _address.Task)
        {
            throw new InvalidOperationException($"service exited before listening: {string.Join(" | ", Stderr)}");
        }

        return await _address.Task;
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        await _process.WaitForExitAsync().WaitAsync(timeout);
        _process.WaitForExit(); // flushes the redirected output
        return _process.ExitCode;
    }

    public void SendSignal(int signal)
    {
        if (Kill(_process.Id, signal) != 0)
        {
            throw new InvalidOperationException($"kill failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    public const int SigInt = 2;
    public const int SigTerm = 15;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    [GeneratedRegex(@"events\s+(https?://[^\s/]+)/summary/events")]
    private static partial Regex EventsLine();

    private void OnStdout(string? line)
    {
        if (line is null)
        {
            return;
        }

        _stdout.Enqueue(line);
        FindAddress(line);
    }

    private void FindAddress(string line)
    {
        var match = EventsLine().Match(line);
        if (match.Success)
        {
            _address.TrySetResult(new Uri(match.Groups[1].Value));
        }
    }
}
