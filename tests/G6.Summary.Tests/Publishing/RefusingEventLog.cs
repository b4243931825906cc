using System.Diagnostics.CodeAnalysis;
using G6.Summary.Publishing;

namespace G6.Summary.Tests.Publishing;

/// <summary>An in-memory log that refuses the next append, as a shared log does when another writer got there first.</summary>
internal sealed class RefusingEventLog(InMemoryEventLog inner) : IEventLog
{
    public bool RefuseNext { get; set; }

    public PublishedState Current => inner.Current;

    public event Action? Appended
    {
        add => inner.Appended += value;
        remove => inner.Appended -= value;
    }

    public bool TryGet(long seq, [MaybeNullWhen(false)] out PublishedEvent evt) => inner.TryGet(seq, out evt);

    public ValueTask<bool> TryAppendAsync(PublishedEvent evt, PublishedState stateAfter, CancellationToken cancellationToken)
    {
        if (RefuseNext)
        {
            RefuseNext = false;
            return ValueTask.FromResult(false);
        }

        return inner.TryAppendAsync(evt, stateAfter, cancellationToken);
    }
}
