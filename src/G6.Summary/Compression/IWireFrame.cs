namespace G6.Summary.Compression;

/// <summary>
/// Bytes a stream sends that other streams send too (an event, a subset's version of it, hello, a
/// snapshot, a keepalive): its plain SSE bytes, and its gzip piece made once on first use.
/// </summary>
public interface IWireFrame
{
    ReadOnlyMemory<byte> Plain { get; }

    GzipPiece Gzipped(FrameCompressor compressor);
}
