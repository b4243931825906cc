using System.Runtime.InteropServices;
using System.Text;
using System.Threading.Channels;
using Spectre.Console;

namespace G6.Summary.Cli.Dashboard;

/// <summary>
/// The full-screen dashboard: draws on the terminal's alternate screen, redraws on every change, every
/// second (ages) and on resize, and quits on <c>q</c>, Ctrl+C or SIGTERM, always leaving the terminal as it
/// was (main screen back, cursor visible).
/// </summary>
public static class InteractiveDashboard
{
    // Standard xterm/VT sequences, understood by every terminal emulator in use today.
    private const string EnterAlternateScreen = "\u001b[?1049h";
    private const string LeaveAlternateScreen = "\u001b[?1049l";
    private const string HideCursor = "\u001b[?25l";
    private const string ShowCursor = "\u001b[?25h";
    private const string Home = "\u001b[H";
    private const string ClearScreen = "\u001b[2J";
    private const string ClearToLineEnd = "\u001b[K";
    private const string ClearBelow = "\u001b[J";

    /// <summary>Ages in the header move every second; so does the check for a resized terminal.</summary>
    private static readonly TimeSpan TickInterval = TimeSpan.FromSeconds(1);

    /// <returns>The number of frames drawn.</returns>
    public static async Task<int> RunAsync(IDashSource source, TimeProvider time, int? maxFrames, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var colors = (ColorSystemSupport)(int)AnsiConsole.Profile.Capabilities.ColorSystem;
        using var quit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var redraw = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        var fullRedraw = 0;

        void OnCancelKey(object? sender, ConsoleCancelEventArgs e)
        {
            e.Cancel = true; // we restore the terminal ourselves, then return normally
            quit.Cancel();
        }

        Console.CancelKeyPress += OnCancelKey;
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, ctx =>
        {
            ctx.Cancel = true;
            quit.Cancel();
        });
        // The terminal went away: nothing left to restore, but stop the client cleanly.
        using var hangup = OperatingSystem.IsWindows() ? null : PosixSignalRegistration.Create(PosixSignal.SIGHUP, ctx =>
        {
            ctx.Cancel = true;
            quit.Cancel();
        });
        using var winch = OperatingSystem.IsWindows() ? null : PosixSignalRegistration.Create(PosixSignal.SIGWINCH, _ =>
        {
            Interlocked.Exchange(ref fullRedraw, 1);
            redraw.Writer.TryWrite(true);
        });

        var output = Console.Out;
        await output.WriteAsync(EnterAlternateScreen + HideCursor + ClearScreen);
        await output.FlushAsync(CancellationToken.None);
        var run = source.RunAsync(() => redraw.Writer.TryWrite(true), quit.Token);
        StartKeyReader(quit, () =>
        {
            Interlocked.Exchange(ref fullRedraw, 1);
            redraw.Writer.TryWrite(true);
        });

        var frames = 0;
        var size = (Width: 0, Height: 0);
        using var ticker = new PeriodicTimer(TickInterval, time);
        var tick = ticker.WaitForNextTickAsync(quit.Token).AsTask();
        Task<bool>? changed = null;
        try
        {
            while (!quit.IsCancellationRequested && (maxFrames is not { } max || frames < max))
            {
                var current = (Width: Math.Max(Console.WindowWidth, 20), Height: Math.Max(Console.WindowHeight, 5));
                var clear = Interlocked.Exchange(ref fullRedraw, 0) == 1 || current != size;
                size = current;
                var frame = FrameBuilder.Build(source.Current, time.GetUtcNow());
                var text = SpectreFrameRenderer.RenderToString(frame, size.Width, size.Height, colors);
                var screen = new StringBuilder(text.Length + 256);
                screen.Append(clear ? Home + ClearScreen : Home);
                screen.Append(text.Replace("\r\n", ClearToLineEnd + "\r\n", StringComparison.Ordinal));
                screen.Append(ClearToLineEnd + ClearBelow);
                await output.WriteAsync(screen.ToString());
                await output.FlushAsync(CancellationToken.None);
                frames++;

                // Whichever comes first: a change (or key, or resize) or the next second.
                changed ??= redraw.Reader.WaitToReadAsync(quit.Token).AsTask();
                var done = await Task.WhenAny(changed, tick);
                if (done == tick)
                {
                    if (!await tick)
                    {
                        break;
                    }

                    tick = ticker.WaitForNextTickAsync(quit.Token).AsTask();
                }
                else
                {
                    await changed;
                    changed = null;
                    redraw.Reader.TryRead(out _);
                }
            }
        }
        catch (OperationCanceledException) when (quit.IsCancellationRequested)
        {
            // q, Ctrl+C, SIGTERM or --duration.
        }
        catch (IOException)
        {
            // The terminal closed under us.
        }
        finally
        {
            Console.CancelKeyPress -= OnCancelKey;
            try
            {
                await output.WriteAsync(ShowCursor + LeaveAlternateScreen);
                await output.FlushAsync(CancellationToken.None);
            }
            catch (IOException)
            {
                // The terminal is gone (hang-up): there is no screen left to restore.
            }

            await quit.CancelAsync();
            await run;
            await IgnoreCancellation(tick);
            if (changed is not null)
            {
                await IgnoreCancellation(changed);
            }
        }

        return frames;
    }

    private static async Task IgnoreCancellation(Task task)
    {
        try
        {
            await task;
        }
        catch (OperationCanceledException)
        {
            // Expected once we quit.
        }
    }

    /// <summary>
    /// Reads keys on a background thread: Console.ReadKey blocks and has no cancellable form. The thread is a
    /// background thread, so one still blocked in ReadKey when we quit does not keep the process alive.
    /// </summary>
    private static void StartKeyReader(CancellationTokenSource quit, Action redraw)
    {
        if (Console.IsInputRedirected)
        {
            return;
        }

        var thread = new Thread(() =>
        {
            try
            {
                while (!quit.IsCancellationRequested)
                {
                    var key = Console.ReadKey(intercept: true);
                    if (key.KeyChar is 'q' or 'Q' || (key.Key == ConsoleKey.C && key.Modifiers.HasFlag(ConsoleModifiers.Control)))
                    {
                        quit.Cancel();
                        return;
                    }

                    if (key.KeyChar is 'r' or 'R' || (key.Key == ConsoleKey.L && key.Modifiers.HasFlag(ConsoleModifiers.Control)))
                    {
                        redraw();
                    }
                }
            }
            catch (Exception ex) when (ex is InvalidOperationException or IOException or ObjectDisposedException)
            {
                // No console to read from: keys are unavailable, Ctrl+C still works.
            }
        })
        {
            IsBackground = true,
            Name = "dash keys",
        };
        thread.Start();
    }
}
