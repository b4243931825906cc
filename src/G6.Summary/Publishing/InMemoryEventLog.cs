using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace G6.Summary.Publishing;

/// <summary>
/// The embedded event log: the current <see cref="PublishedState"/> plus a ring of the most recent
/// events, in this process only. Every stream reads from it with its own cursor, so publishing is O(1)
/// whatever the number of streams, a stream's backlog costs no memory of its own, and resume is a lookup.
/// One writer (the publisher); any number of concurrent readers. Its epoch is new for every instance:
/// a restart is a new log, and clients get a full snapshot.
/// </summary>
public sealed class InMemoryEventLog : IEventLog
{
    private readonly PublishedEvent?[] _ring;
    private PublishedState _current;

    public InMemoryEventLog(int capacity)
        : this(NewEpoch(), capacity)
    {
    }

    /// <summary>A log with a given epoch (tests that compare ids).</summary>
    public InMemoryEventLog(string epoch, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _ring = new PublishedEvent?[capacity];
        _current = PublishedState.Initial(epoch);
    }

    /// <summary>
    /// A window rebuilt from a shared log: <paramref name="head"/> current, and <paramref name="events"/>
    /// (oldest first, the newest at the head's seq) in the ring.
    /// </summary>
    internal InMemoryEventLog(PublishedState head, IReadOnlyList<PublishedEvent> events, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _ring = new PublishedEvent?[capacity];
        foreach (var evt in events.Skip(Math.Max(0, events.Count - capacity)))
        {
            if (evt.Seq > head.Seq)
            {
                throw new ArgumentException("events must not pass the head", nameof(events));
            }

            _ring[evt.Seq % capacity] = evt;
        }

        _current = head;
    }

    public event Action? Appended;

    /// <summary>Readers see either the old or the new state, never a mix.</summary>
    public PublishedState Current => Volatile.Read(ref _current);

    public ValueTask<bool> TryAppendAsync(PublishedEvent evt, PublishedState stateAfter, CancellationToken cancellationToken)
    {
        Append(evt, stateAfter);
        return ValueTask.FromResult(true);
    }

    /// <summary>Appends <paramref name="evt"/> and makes <paramref name="stateAfter"/> current.</summary>
    public void Append(PublishedEvent evt, PublishedState stateAfter)
    {
        // One writer: a seq out of order is a bug in the caller, not a race to lose.
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

    public bool TryGet(long seq, [MaybeNullWhen(false)] out PublishedEvent evt)
    {
        evt = null;
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

    // Eight hex digits: short in every id, and a restart repeating one is a 1-in-4-billion event.
    private static string NewEpoch() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
}
