using System.Collections.Concurrent;
using System.Diagnostics;

namespace G6.Summary.Tests.Integration;

/// <summary>
/// <c>curl --compressed -sN</c> following one event stream: curl asks for compression, decodes the body itself and
/// prints it unbuffered; the response head comes first (<c>-D -</c>). Each output line is kept as it arrives.
/// </summary>
internal sealed class CurlStream : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ConcurrentQueue<string> _errors = new();

    private CurlStream(Process process)
    {
        _process = process;
    }

    public IReadOnlyList<string> Lines => [.. _lines];

    public static CurlStream Start(Uri url)
    {
        var info = new ProcessStartInfo("curl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--compressed", "-sN", "-D", "-", "-H", "Accept: text/event-stream", url.ToString() })
        {
            info.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = info };
        var curl = new CurlStream(process);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                curl._lines.Enqueue(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                curl._errors.Enqueue(e.Data);
            }
        };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("curl not found: apt-get install curl (.ci/run does this)", ex);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return curl;
    }

    /// <summary>
    /// Waits until curl has printed the whole event: its <c>id</c> and <c>event</c> lines, its <c>data</c> line
    /// and the blank line that ends it (a line is printed only once its newline was decoded).
    /// </summary>
    public async Task WaitForEventAsync(string id, string name)
    {
        bool Seen()
        {
            var lines = Lines;
            return Enumerable.Range(0, Math.Max(0, lines.Count - 3)).Any(at =>
                lines[at] == $"id: {id}" && lines[at + 1] == $"event: {name}"
                && lines[at + 2].StartsWith("data: {", StringComparison.Ordinal) && lines[at + 2].EndsWith('}') && lines[at + 3].Length == 0);
        }

        try
        {
            await Wait.UntilAsync(() => Seen() || _process.HasExited, $"curl to print event {name} {id}", TimeSpan.FromSeconds(15));
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}; it printed [{string.Join(" | ", _lines)}]");
        }

        Assert.True(Seen(), $"curl exited before printing event {name} {id}: [{string.Join(" | ", _lines)}], stderr [{string.Join(" | ", _errors)}]");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
