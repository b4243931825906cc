using System.Diagnostics;

namespace G6.Summary.Tests.Integration;

/// <summary>
/// <c>curl --compressed -sN</c> following one event stream: curl asks for compression, decodes the body itself and
/// prints it unbuffered; the response head comes first (<c>-D -</c>). Each output line is kept as it arrives.
/// </summary>
internal sealed class CurlStream : IAsyncDisposable
{
    private readonly LineCapturingProcess _child;

    private CurlStream(LineCapturingProcess child)
    {
        _child = child;
    }

    public IReadOnlyList<string> Lines => [.. _child.Lines];

    public static CurlStream Start(Uri url)
    {
        var info = new ProcessStartInfo("curl");
        foreach (var argument in new[] { "--compressed", "-sN", "-D", "-", "-H", "Accept: text/event-stream", url.ToString() })
        {
            info.ArgumentList.Add(argument);
        }

        return new CurlStream(LineCapturingProcess.Start(info, "curl not found: apt-get install curl (.ci/run does this)"));
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
            await Wait.UntilAsync(() => Seen() || _child.Process.HasExited, $"curl to print event {name} {id}", TimeSpan.FromSeconds(15));
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}; it printed [{string.Join(" | ", _child.Lines)}]");
        }

        Assert.True(Seen(), $"curl exited before printing event {name} {id}: [{string.Join(" | ", _child.Lines)}], stderr [{string.Join(" | ", _child.Errors)}]");
    }

    public ValueTask DisposeAsync() => _child.DisposeAsync();
}
