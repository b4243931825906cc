namespace G6.Summary.Publishing;

/// <summary>
/// The shared event log: the current <see cref="SummaryState"/> plus a ring of the most recent
/// events. Every stream reads from it with its own cursor, so publishing is O(1) whatever the number
/// of streams, a stream's backlog costs no memory of its own, and resume is a lookup.
/// One writer (the publisher); any number of concurrent readers.
/// </summary>
public sealed class EventLog
{
    private readonly SummaryEvent?[] _ring;
    private SummaryState _current;

    public EventLog(string epoch, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _ring = new SummaryEvent?[capacity];
        _current = SummaryState.Initial(epoch);
    }

    /// <summary>Raised on the publisher's thread after each append; handlers must not block.</summary>
    public event Action? Appended;

    public string Epoch => _current.Epoch;

    public int Capacity => _ring.Length;

    /// <summary>The state after the newest event. Readers see either the old or the new state, never a mix.</summary>
    public SummaryState Current => Volatile.Read(ref _current);

    /// <summary>Appends <paramref name="evt"/> and makes <paramref name="stateAfter"/> current.</summary>
    public void Append(SummaryEvent evt, SummaryState stateAfter)
    {
        if (evt.Seq != _current.Seq + 1 || stateAfter.Seq != evt.Seq)
        {
            throw new InvalidOperationException("events must be appended in seq order");
        }

        // The slot is filled before the state is published, so a reader that sees seq N in Current
        // always finds event N in the ring (unless it has since been overwritten, which TryGet detects).
        Volatile.Write(ref _ring[evt.Seq % _ring.Length], evt);
        Volatile.Write(ref _current, stateAfter);
        Appended?.Invoke();
    }

    /// <summary>Finds event <paramref name="seq"/> if it is still in the ring.</summary>
    public bool TryGet(long seq, out SummaryEvent evt)
    {
        evt = null!;
        if (seq < 1 || seq > Current.Seq)
        {
            return false;
        }

        var found = Volatile.Read(ref _ring[seq % _ring.Length]);
        if (found is null || found.Seq != seq)
        {
            return false;
        }

        evt = found;
        return true;
    }

    /// <summary>The oldest seq still held, or Current.Seq + 1 when the log is empty.</summary>
    public long OldestSeq => Math.Max(1, Current.Seq - _ring.Length + 1);
}
