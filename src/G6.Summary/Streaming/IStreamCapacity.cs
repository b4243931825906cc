namespace G6.Summary.Streaming;

/// <summary>
/// What admission needs of the streams: a slot under <c>G6_SSE_MAX_CONNECTIONS</c> and whether the
/// service is stopping. Kept this small so admission does not depend on how streams are served.
/// </summary>
public interface IStreamCapacity
{
    /// <summary>Takes a slot under the stream cap; false when all are taken.</summary>
    bool TryReserveSlot();

    /// <summary>Gives back a slot taken by <see cref="TryReserveSlot"/> for a stream that will not run.</summary>
    void ReleaseSlot();

    /// <summary>True once shutdown began: new streams are refused and open ones get <c>bye</c>.</summary>
    bool IsStopping { get; }
}
