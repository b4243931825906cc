using System.IO.Hashing;
using G6.Summary.Compression;

namespace G6.Summary.Tests.Compression;

/// <summary>
/// <see cref="Crc32Combine"/> against the runtime's own CRC-32 (<see cref="Crc32"/>): the CRC of pieces joined
/// from each piece's CRC and length is the CRC of the whole, however the whole is cut.
/// </summary>
public sealed class Crc32CombineTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Join_RandomSplits_EqualsCrcOfTheWhole(int seed)
    {
        var random = new Random(seed);
        var whole = new byte[random.Next(1, 200_000)];
        random.NextBytes(whole);

        for (var trial = 0; trial < 20; trial++)
        {
            var crc = 0u;
            var at = 0;
            while (at < whole.Length)
            {
                // Pieces of every size: empty, one byte, a few, thousands.
                var length = Math.Min(whole.Length - at, random.Next(4) switch { 0 => 0, 1 => 1, 2 => random.Next(2, 64), _ => random.Next(64, 40_000) });
                var piece = whole.AsSpan(at, length);
                crc = Crc32Combine.Join(crc, Crc32.HashToUInt32(piece), Crc32Combine.ShiftFor(length));
                at += length;
            }

            Assert.Equal(Crc32.HashToUInt32(whole), crc);
        }
    }

    [Fact]
    public void Join_TwoHalvesOfAKnownText_IsTheKnownCrc()
    {
        // The standard check value of CRC-32 (IEEE, as gzip uses it): "123456789" -> CBF43926.
        var text = "123456789"u8;
        for (var cut = 0; cut <= text.Length; cut++)
        {
            var a = text[..cut];
            var b = text[cut..];
            Assert.Equal(0xCBF43926u, Crc32Combine.Join(Crc32.HashToUInt32(a), Crc32.HashToUInt32(b), Crc32Combine.ShiftFor(b.Length)));
        }
    }

    [Fact]
    public void Join_EmptyPiece_LeavesTheCrc()
    {
        Assert.Equal(0xCBF43926u, Crc32Combine.Join(0xCBF43926u, 0, Crc32Combine.ShiftFor(0)));
        Assert.Equal(0xCBF43926u, Crc32Combine.Join(0, 0xCBF43926u, Crc32Combine.ShiftFor(9)));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(7, 13)]
    [InlineData(4096, 65_537)]
    [InlineData(1_000_003, 63 * 1024 * 1024)]
    public void ShiftFor_SumOfLengths_IsTheProductOfShifts(long a, long b) =>
        Assert.Equal(Crc32Combine.ShiftFor(a + b), Crc32Combine.Multiply(Crc32Combine.ShiftFor(a), Crc32Combine.ShiftFor(b)));

    [Fact]
    public void Join_PieceOfSixtyFourMebibytes_EqualsCrcOfTheWhole()
    {
        // The largest event there may be (G6_SSE_MAX_EVENT_BYTES): its shift uses the highest powers in the table.
        var big = new byte[64 * 1024 * 1024];
        new Random(7).NextBytes(big.AsSpan(0, 4096));
        big[^1] = 0x5A;
        var head = "data: "u8;
        var whole = new Crc32();
        whole.Append(head);
        whole.Append(big);
        Assert.Equal(whole.GetCurrentHashAsUInt32(), Crc32Combine.Join(Crc32.HashToUInt32(head), Crc32.HashToUInt32(big), Crc32Combine.ShiftFor(big.Length)));
    }
}
