namespace G6.Summary.Compression;

/// <summary>
/// What a gzip stream must remember to end cleanly: the CRC and length of the plain bytes it was sent,
/// joined from its pieces (8 bytes a stream, where a compressor would be about 256 KB).
/// Only the stream's current writer touches it (<c>StreamSubscriber</c>'s ownership protocol).
/// </summary>
internal struct GzipChecksum
{
    private uint _crc;
    private long _length;

    public void Add(GzipPiece piece)
    {
        _crc = Crc32Combine.Join(_crc, piece.Crc, piece.CrcShift);
        _length += piece.PlainLength;
    }

    /// <summary>The last block and trailer that make the body a complete gzip member.</summary>
    public readonly byte[] End() => GzipFraming.End(_crc, _length);
}
