using System.Threading.Tasks.Sources;

namespace G6.Summary.Streaming;

/// <summary>
/// A stream's wake-up signal: any number of ringers, one waiter (the stream's own loop). A ring is
/// remembered until drained, so one that lands between the loop's look at the log and its wait is
/// never lost. Hand-written instead of a one-slot channel because every open stream holds one: this
/// is one small object, where the channel was eight (about 0.7 KB per idle stream; docs/STREAMING.md).
/// </summary>
internal sealed class Doorbell : IValueTaskSource<bool>
{
    private const int Quiet = 0;
    private const int Rung = 1;
    private const int Waiting = 2;

    // Continuations run on the thread pool, never inline on a ringer (the publisher's fan-out).
    private ManualResetValueTaskSourceCore<bool> _waiter = new() { RunContinuationsAsynchronously = true };
    private int _state;

    public void Ring()
    {
        while (true)
        {
            var state = Volatile.Read(ref _state);
            if (state == Rung)
            {
                return;
            }

            if (Interlocked.CompareExchange(ref _state, Rung, state) == state)
            {
                if (state == Waiting)
                {
                    _waiter.SetResult(true);
                }

                return;
            }
        }
    }

    /// <summary>Takes back a ring, if there was one.</summary>
    public void Drain() => Interlocked.CompareExchange(ref _state, Quiet, Rung);

    /// <summary>Completes when the bell has been rung (at once if it already was). Does not drain it.</summary>
    public ValueTask<bool> WaitAsync()
    {
        if (Volatile.Read(ref _state) == Rung)
        {
            return new ValueTask<bool>(true);
        }

        _waiter.Reset();
        return Interlocked.CompareExchange(ref _state, Waiting, Quiet) == Quiet
            ? new ValueTask<bool>(this, _waiter.Version)
            : new ValueTask<bool>(true);
    }

    bool IValueTaskSource<bool>.GetResult(short token) => _waiter.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<bool>.GetStatus(short token) => _waiter.GetStatus(token);

    void IValueTaskSource<bool>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _waiter.OnCompleted(continuation, state, token, flags);
}
