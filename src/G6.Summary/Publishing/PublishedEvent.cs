using System.Collections.Immutable;
using G6.Summary.Compression;

namespace G6.Summary.Publishing;

/// <summary>
/// One published event, encoded once: <see cref="Frame"/> holds its final SSE bytes
/// (<c>id</c>, <c>event</c>, <c>data</c>, blank line), and every stream is handed the same bytes.
/// </summary>
/// <remarks>
/// It carries its epoch so that a reader can tell an event of a new log from one of the log it was
/// following: a shared log that lost its data starts again at seq 1 under a new epoch.
/// </remarks>
public sealed class PublishedEvent(string epoch, long seq, long cycle, string name, ImmutableArray<string> changedKeys, ReadOnlyMemory<byte> frame, long publishedTimestamp) : IWireFrame
{
    private GzipPiece? _gzip;

    public string Epoch { get; } = epoch;

    public long Seq { get; } = seq;

    public long Cycle { get; } = cycle;

    /// <summary>Event name as written (may be <c>truncated</c> when the original was too large).</summary>
    public string Name { get; } = name;

    /// <summary>Panels this event changed; what a throttled stream coalesces.</summary>
    public ImmutableArray<string> ChangedKeys { get; } = changedKeys;

    public ReadOnlyMemory<byte> Frame { get; } = frame;

    ReadOnlyMemory<byte> IWireFrame.Plain => Frame;

    /// <summary>The frame's gzip piece, compressed once for every gzip stream, on first use.</summary>
    public GzipPiece Gzipped(FrameCompressor compressor) => compressor.PieceFor(ref _gzip, this, Frame.Span);

    /// <summary><see cref="TimeProvider.GetTimestamp"/> at publish, for dispatch latency.</summary>
    public long PublishedTimestamp { get; } = publishedTimestamp;

    /// <summary>
    /// The state this event leads to, when the log has it (the publisher sets it; a shared log's follower
    /// should too). Streams of a panel subset encode their own version of the event from it; without it
    /// they can encode only the newest event, and get a subset snapshot for older ones.
    /// </summary>
    public PublishedState? StateAfter { get; init; }
}
