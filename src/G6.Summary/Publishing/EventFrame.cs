using G6.Summary.Compression;

namespace G6.Summary.Publishing;

/// <summary>
/// One event as it goes on the wire: its final SSE bytes and the name written in them (which is
/// <c>truncated</c> when the original was over <c>G6_SSE_MAX_EVENT_BYTES</c>). The encoder returns the
/// name with the bytes so that nobody has to parse a frame back to count it.
/// </summary>
public sealed class EventFrame(string name, byte[] bytes) : IWireFrame
{
    private GzipPiece? _gzip;

    public string Name { get; } = name;

    public byte[] Bytes { get; } = bytes;

    ReadOnlyMemory<byte> IWireFrame.Plain => Bytes;

    public GzipPiece Gzipped(FrameCompressor compressor) => compressor.PieceFor(ref _gzip, this, Bytes);
}
