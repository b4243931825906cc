namespace G6.Summary.Compression;

/// <summary>Fixed bytes every stream may send (the <c>retry</c> preamble, a keepalive comment).</summary>
public sealed class WireConstant(ReadOnlyMemory<byte> plain) : IWireFrame
{
    private GzipPiece? _gzip;

    public ReadOnlyMemory<byte> Plain { get; } = plain;

    public GzipPiece Gzipped(FrameCompressor compressor) => compressor.PieceFor(ref _gzip, this, Plain.Span);
}
