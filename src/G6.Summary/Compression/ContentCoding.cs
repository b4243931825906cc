namespace G6.Summary.Compression;

/// <summary>How a stream's body is encoded on the wire (its <c>Content-Encoding</c>).</summary>
public enum ContentCoding
{
    /// <summary>The SSE bytes as they are.</summary>
    Identity,

    /// <summary>
    /// gzip (RFC 1952): a header of its own, then each frame's shared deflate piece
    /// (<see cref="GzipPiece"/>), and a trailer when the stream ends with <c>bye</c>.
    /// </summary>
    Gzip,
}
