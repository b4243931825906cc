namespace G6.Summary.Compression;

/// <summary>The bytes a gzip stream has of its own: its header (RFC 1952, 2.3) and, when it ends with <c>bye</c>, its end.</summary>
internal static class GzipFraming
{
    /// <summary>Magic, deflate, no flags, no time, no extra flags, OS unknown.</summary>
    public static ReadOnlyMemory<byte> Header { get; } = new byte[] { 0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xFF };

    /// <summary>
    /// An empty last deflate block (fixed codes: BFINAL, BTYPE 01, end of block; byte-aligned after a
    /// sync flush, it is the two bytes 03 00) and the trailer: CRC-32 and length mod 2^32, little-endian.
    /// </summary>
    public static byte[] End(uint crc, long plainLength)
    {
        var end = new byte[10];
        end[0] = 0x03;
        end[1] = 0x00;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(end.AsSpan(2), crc);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(end.AsSpan(6), unchecked((uint)plainLength));
        return end;
    }
}
