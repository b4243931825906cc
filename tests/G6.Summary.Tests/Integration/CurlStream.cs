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

    /// <summary>Waits until curl has printed <paramref name="line"/> followed by <paramref name="next"/> (when given) on the next line.</summary>
    public async Task WaitForLineAsync(string line, string? next = null)
    {
        bool Seen()
        {
            var lines = Lines;
            return Enumerable.Range(0, lines.Count).Any(at => lines[at] == line && (next is null || (at + 1 < lines.Count && lines[at + 1] == next)));
        }

        try
        {
            await Wait.UntilAsync(() => Seen() || _process.HasExited, $"curl to print \"{line}\"", TimeSpan.FromSeconds(15));
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}; it printed [{string.Join(" | ", _lines)}]");
        }

        Assert.True(Seen(), $"curl exited before printing \"{line}\" then \"{next}\": [{string.Join(" | ", _lines)}], stderr [{string.Join(" | ", _errors)}]");
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
