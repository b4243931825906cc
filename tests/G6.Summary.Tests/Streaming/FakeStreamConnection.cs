using System.Text;
using G6.Summary.Streaming;

namespace G6.Summary.Tests.Streaming;

/// <summary>
/// A stream connection in memory: records every frame written, can hold flushes pending until told,
/// and checks the hub's ownership invariant (never two writers at once, nothing after completion).
/// </summary>
internal sealed class FakeStreamConnection : StreamConnection, IDisposable
{
    private readonly CancellationTokenSource _aborted = new();
    private readonly Lock _lock = new();
    private readonly StringBuilder _written = new();
    private CancellationTokenRegistration _wake;
    private TaskCompletionSource<bool>? _pendingFlush;
    private bool _holdFlushes;
    private int _writers;

    public override CancellationToken Aborted => _aborted.Token;

    /// <summary>Everything written so far, as text (frames are UTF-8).</summary>
    public string Text
    {
        get
        {
            lock (_lock)
            {
                return _written.ToString();
            }
        }
    }

    public bool Completed { get; private set; }

    /// <summary>Set when the hub broke its contract: two writers at once, or a write after completion.</summary>
    public string? Violation { get; private set; }

    public bool FlushPending
    {
        get
        {
            lock (_lock)
            {
                return _pendingFlush is not null;
            }
        }
    }

    public override void Write(ReadOnlyMemory<byte> frame)
    {
        if (Interlocked.Increment(ref _writers) != 1)
        {
            Violation ??= "two writers at once";
        }

        lock (_lock)
        {
            if (Completed)
            {
                Violation ??= "write after completion";
            }

            _written.Append(Encoding.UTF8.GetString(frame.Span));
        }

        Interlocked.Decrement(ref _writers);
    }

    /// <summary>From now on every flush stays pending until <see cref="ReleaseFlush"/> (the client stopped reading).</summary>
    public void HoldFlushes()
    {
        lock (_lock)
        {
            _holdFlushes = true;
        }
    }

    /// <summary>Completes the pending flush (the client read it) and lets later flushes complete at once.</summary>
    public void ReleaseFlush()
    {
        TaskCompletionSource<bool>? pending;
        lock (_lock)
        {
            _holdFlushes = false;
            pending = _pendingFlush;
            _pendingFlush = null;
        }

        pending?.TrySetResult(!IsAborted);
    }

    public override ValueTask<bool> FlushAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (_pendingFlush is not null)
            {
                Violation ??= "a flush while another was pending";
            }

            if (!_holdFlushes || IsAborted)
            {
                return ValueTask.FromResult(!IsAborted);
            }

            _pendingFlush = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            return new ValueTask<bool>(_pendingFlush.Task);
        }
    }

    /// <summary>The client went away (or the server aborted): a pending flush ends with false.</summary>
    public override void Abort()
    {
        _aborted.Cancel();
        TaskCompletionSource<bool>? pending;
        lock (_lock)
        {
            pending = _pendingFlush;
            _pendingFlush = null;
        }

        pending?.TrySetResult(false);
    }

    public void Dispose()
    {
        _wake.Dispose();
        _aborted.Dispose();
    }

    public override void Complete()
    {
        lock (_lock)
        {
            Completed = true;
        }
    }

    internal override void WakeOnAbort(Doorbell bell) =>
        _wake = _aborted.Token.UnsafeRegister(static b => ((Doorbell)b!).Ring(), bell);

    internal override void StopWakingOnAbort() => _wake.Dispose();

    /// <summary>(event name, seq) of every event written, in order; comments and retry lines are skipped.</summary>
    public IReadOnlyList<(string Name, long Seq)> Events()
    {
        var events = new List<(string, long)>();
        foreach (var block in Text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var lines = block.Split('\n');
            var id = lines.FirstOrDefault(l => l.StartsWith("id: ", StringComparison.Ordinal));
            var name = lines.FirstOrDefault(l => l.StartsWith("event: ", StringComparison.Ordinal));
            if (id is not null && name is not null)
            {
                events.Add((name[7..], long.Parse(id[(id.LastIndexOf('-') + 1)..], System.Globalization.CultureInfo.InvariantCulture)));
            }
        }

        return events;
    }
}
