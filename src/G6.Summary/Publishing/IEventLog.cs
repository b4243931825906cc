using System.Diagnostics.CodeAnalysis;

namespace G6.Summary.Publishing;

/// <summary>
/// Where events are appended and read back: the seam between the publisher and everything that
/// serves events (the stream hub, resync, health). The log owns the epoch and the sequence: the
/// publisher proposes the next event, the log decides whether it becomes event <c>Current.Seq + 1</c>.
/// <see cref="InMemoryEventLog"/> is the embedded default; a shared log (several nodes) implements the
/// same contract, so the hub, the encoder and the endpoints do not change with it.
/// </summary>
/// <remarks>
/// Readers never block: <see cref="Current"/> and <see cref="TryGet"/> read the local window, and
/// <see cref="Appended"/> tells the hub that the window moved (on the appending thread for the
/// in-memory log; a shared log raises it when its follower has brought the event in).
/// </remarks>
public interface IEventLog
{
    /// <summary>The state after the newest event this node holds; its epoch is the log's epoch.</summary>
    PublishedState Current { get; }

    /// <summary>Raised after the window gained an event; handlers must not block.</summary>
    event Action? Appended;

    /// <summary>Finds event <paramref name="seq"/> if it is still in the window.</summary>
    bool TryGet(long seq, [MaybeNullWhen(false)] out PublishedEvent evt);

    /// <summary>
    /// Appends <paramref name="evt"/> (whose seq must be <c>Current.Seq + 1</c>) and makes
    /// <paramref name="stateAfter"/> current. False when the log's head is no longer where the event was
    /// built (another writer appended first): the event is dropped and the next cycle builds on the new head.
    /// </summary>
    ValueTask<bool> TryAppendAsync(PublishedEvent evt, PublishedState stateAfter, CancellationToken cancellationToken);
}
