namespace G6.Summary.Compression;

/// <summary>
/// CRC-32 (the gzip trailer's) of two pieces joined, from each piece's own CRC and length: arithmetic in
/// GF(2) modulo the CRC polynomial, as zlib's <c>crc32_combine</c> defines it. It lets a stream's trailer
/// be kept from the shared pieces it was sent without hashing its bytes again: a piece carries
/// <c>x^(8·length)</c> (<see cref="ShiftFor"/>), so joining costs one multiplication per frame sent.
/// Hand-written: the runtime's <c>System.IO.Hashing.Crc32</c> hashes bytes but cannot join two results.
/// </summary>
internal static class Crc32Combine
{
    // The CRC-32 polynomial, bit-reflected (LSB first), as gzip uses it.
    private const uint Polynomial = 0xEDB88320;

    // In the reflected representation the top bit is x^0.
    private const uint One = 0x80000000;

    // x^(2^k) mod P for k = 0..31. A frame's 8·length bits need k up to 3 + 27 for the largest event
    // (64 MiB), so the index never wraps in use; it is masked like zlib's so that it cannot overrun.
    private static readonly uint[] PowersOfTwo = BuildPowers();

    /// <summary>The CRC of A followed by B, from A's CRC, B's CRC and <see cref="ShiftFor"/> B's length.</summary>
    public static uint Join(uint crcA, uint crcB, uint shiftB) => Multiply(shiftB, crcA) ^ crcB;

    /// <summary><c>x^(8·length)</c> modulo the polynomial: what joining a piece of that length multiplies by.</summary>
    public static uint ShiftFor(long length)
    {
        var power = One;
        var k = 3; // 8·length = length·2^3
        for (var n = length; n != 0; n >>= 1, k++)
        {
            if ((n & 1) != 0)
            {
                power = Multiply(PowersOfTwo[k & 31], power);
            }
        }

        return power;
    }

    /// <summary>a·b modulo the polynomial, both in the reflected representation.</summary>
    internal static uint Multiply(uint a, uint b)
    {
        var product = 0u;
        for (var m = One; m != 0; m >>= 1)
        {
            if ((a & m) != 0)
            {
                product ^= b;
            }

            b = (b & 1) != 0 ? (b >> 1) ^ Polynomial : b >> 1;
        }

        return product;
    }

    private static uint[] BuildPowers()
    {
        var powers = new uint[32];
        powers[0] = One >> 1; // x^1
        for (var k = 1; k < powers.Length; k++)
        {
            powers[k] = Multiply(powers[k - 1], powers[k - 1]);
        }

        return powers;
    }
}
