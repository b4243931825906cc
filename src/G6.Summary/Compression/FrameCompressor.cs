using System.IO.Compression;
using System.IO.Hashing;
using G6.Summary.Metrics;

namespace G6.Summary.Compression;

/// <summary>
/// Makes each frame's <see cref="GzipPiece"/>, at most once per frame (<see cref="PieceFor"/>): the
/// compressor lives only while one frame is compressed, so no stream holds compressor state, and a
/// frame shared by many streams is compressed once for all of them.
/// </summary>
public sealed class FrameCompressor(ISummaryMetrics metrics)
{
    private long _compressions;

    /// <summary>Frames compressed so far (the tests hold the fan-out to one per event per subset).</summary>
    public long Compressions => Interlocked.Read(ref _compressions);

    /// <summary>
    /// <paramref name="frame"/>'s piece, compressed on first use and kept in <paramref name="slot"/> (a
    /// field of the frame). A lock on the frame, not a race: two fan-out workers reaching the same event
    /// wait for one compression instead of doing two.
    /// </summary>
    public GzipPiece PieceFor(ref GzipPiece? slot, object frame, ReadOnlySpan<byte> plain)
    {
        var piece = Volatile.Read(ref slot);
        if (piece is not null)
        {
            return piece;
        }

        lock (frame)
        {
            piece = slot;
            if (piece is null)
            {
                piece = Compress(plain);
                Volatile.Write(ref slot, piece);
            }
        }

        return piece;
    }

    /// <summary>Compresses one frame on its own (see <see cref="GzipPiece"/>).</summary>
    public GzipPiece Compress(ReadOnlySpan<byte> plain)
    {
        var output = new MemoryStream(plain.Length / 2 + 64);
        var deflate = new DeflateStream(output, CompressionLevel.Optimal, leaveOpen: true);
        byte[] bytes;
        try
        {
            deflate.Write(plain);

            // A sync flush: every byte written comes out now, ending on a byte boundary with an empty
            // stored block (00 00 FF FF), and the block is not marked last, so more pieces may follow.
            deflate.Flush();
            bytes = output.ToArray();
        }
        finally
        {
            // Disposing finishes the deflate stream (a last block) into the memory stream: after the copy, so never sent.
            deflate.Dispose();
        }

        Interlocked.Increment(ref _compressions);
        metrics.FrameCompressed(plain.Length, bytes.Length);
        return new GzipPiece(bytes, Crc32.HashToUInt32(plain), plain.Length);
    }
}
