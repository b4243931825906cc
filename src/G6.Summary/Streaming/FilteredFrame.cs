using G6.Summary.Compression;

namespace G6.Summary.Streaming;

/// <summary>A panel subset's version of one event (<see cref="PanelFilter.FrameFor"/>); <see cref="IsSkipped"/> when it has none.</summary>
public sealed class FilteredFrame(long seq, string name, ReadOnlyMemory<byte> bytes) : IWireFrame
{
    private GzipPiece? _gzip;

    public long Seq { get; } = seq;

    public string Name { get; } = name;

    public ReadOnlyMemory<byte> Bytes { get; } = bytes;

    ReadOnlyMemory<byte> IWireFrame.Plain => Bytes;

    public GzipPiece Gzipped(FrameCompressor compressor) => compressor.PieceFor(ref _gzip, this, Bytes.Span);

    /// <summary>The event changes none of the subset's panels: nothing is sent for it.</summary>
    public bool IsSkipped => Bytes.IsEmpty;

    public static FilteredFrame Skip(long seq) => new(seq, string.Empty, ReadOnlyMemory<byte>.Empty);
}
