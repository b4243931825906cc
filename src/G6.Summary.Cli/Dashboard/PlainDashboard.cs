using System.Threading.Channels;

namespace G6.Summary.Cli.Dashboard;

/// <summary>
/// Plain mode: writes a text frame only when something a reader cares about changed (panels, connection
/// state, a problem or server error), never for heartbeats or ageing, so the output can be logged or piped.
/// </summary>
public static class PlainDashboard
{
    /// <returns>The number of frames written.</returns>
    public static async Task<int> RunAsync(IDashSource source, TextWriter output, TimeProvider time, int? maxFrames, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(output);

        // One pending signal is enough: the frame is built from the source's latest snapshot, so a burst of
        // changes prints once.
        var signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var run = source.RunAsync(() => signal.Writer.TryWrite(true), stop.Token);
        var frames = 0;
        string? lastKey = null;
        try
        {
            while (maxFrames is not { } max || frames < max)
            {
                await signal.Reader.ReadAsync(stop.Token);
                var snapshot = source.Current;

                // Nothing to say yet: connecting, with no panels and no problem.
                if (snapshot.ChangeKey == lastKey || (snapshot.Panels.Count == 0 && snapshot.Problem is null))
                {
                    continue;
                }

                lastKey = snapshot.ChangeKey;
                var now = time.GetUtcNow();
                await output.WriteAsync(PlainFrameRenderer.Render(FrameBuilder.Build(snapshot, now), now) + "\n");
                await output.FlushAsync(CancellationToken.None);
                frames++;
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Ctrl+C or --duration.
        }
        finally
        {
            await stop.CancelAsync();
            await run;
        }

        return frames;
    }
}
