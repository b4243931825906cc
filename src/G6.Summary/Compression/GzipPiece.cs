namespace G6.Summary.Compression;

/// <summary>
/// One frame compressed once for every gzip stream: raw deflate from a fresh compressor (no history, so
/// it refers to nothing before it), ended by a sync flush (so it ends on a byte boundary with every input
/// byte out, and is not the last block). Any number of such pieces, in any order, form a valid deflate
/// body after a stream's own gzip header, and each one is decodable the moment it arrives.
/// </summary>
public sealed class GzipPiece(byte[] bytes, uint crc, int plainLength)
{
    /// <summary>The compressed bytes as they go on the wire.</summary>
    public byte[] Bytes { get; } = bytes;

    /// <summary>CRC-32 of the plain frame, for the stream's trailer.</summary>
    public uint Crc { get; } = crc;

    /// <summary>Length of the plain frame.</summary>
    public int PlainLength { get; } = plainLength;

    /// <summary>What joining this piece's CRC onto a stream's multiplies by (<see cref="Crc32Combine"/>).</summary>
    internal uint CrcShift { get; } = Crc32Combine.ShiftFor(plainLength);
}
