using System.Collections.Concurrent;
using System.Diagnostics;

namespace G6.Summary.Tests.Integration;

/// <summary>
/// A child process (an independent decoder: curl, python) whose standard output and error are collected line by
/// line as it prints them, so a test can wait for a line with a bound; killed when disposed.
/// </summary>
internal sealed class LineCapturingProcess : IAsyncDisposable
{
    private LineCapturingProcess(Process process)
    {
        Process = process;
    }

    public Process Process { get; }

    public ConcurrentQueue<string> Lines { get; } = new();

    public ConcurrentQueue<string> Errors { get; } = new();

    /// <param name="missing">What to tell the reader when the program is not installed.</param>
    public static LineCapturingProcess Start(ProcessStartInfo info, string missing)
    {
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        var child = new LineCapturingProcess(new Process { StartInfo = info });
        child.Process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                child.Lines.Enqueue(e.Data);
            }
        };
        child.Process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                child.Errors.Enqueue(e.Data);
            }
        };
        try
        {
            child.Process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException(missing, ex);
        }

        child.Process.BeginOutputReadLine();
        child.Process.BeginErrorReadLine();
        return child;
    }

    public async ValueTask DisposeAsync()
    {
        if (!Process.HasExited)
        {
            Process.Kill();
            await Process.WaitForExitAsync();
        }

        Process.Dispose();
    }
}
