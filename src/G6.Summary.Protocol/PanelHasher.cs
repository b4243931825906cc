using System.Buffers;
using System.Security.Cryptography;

namespace G6.Summary.Protocol;

/// <summary>
/// Panel hashes and the state digest, exactly as PROTOCOL.md defines them, so any client can
/// recompute them: hash = sha256(JCS([key, title, line1, ...])), digest = sha256("key:hash\n"...).
/// </summary>
public static class PanelHasher
{
    /// <summary>Lowercase hex SHA-256 of the canonical JSON array <c>[key, title, lines...]</c>.</summary>
    public static string HashPanel(string key, string title, IReadOnlyList<string> lines)
    {
        var values = new string[lines.Count + 2];
        values[0] = key;
        values[1] = title;
        for (var i = 0; i < lines.Count; i++)
        {
            values[i + 2] = lines[i];
        }

        var buffer = new ArrayBufferWriter<byte>(256);
        CanonicalJson.WriteStringArray(buffer, values);
        return Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan));
    }

    /// <summary>Lowercase hex SHA-256 of <c>key:hash\n</c> for every panel, keys in ordinal order.</summary>
    public static string Digest(IEnumerable<KeyValuePair<string, string>> keyHashes)
    {
        var ordered = keyHashes.OrderBy(p => p.Key, StringComparer.Ordinal);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new ArrayBufferWriter<byte>(256);
        foreach (var (key, hash) in ordered)
        {
            buffer.ResetWrittenCount();
            var span = buffer.GetSpan(System.Text.Encoding.UTF8.GetMaxByteCount(key.Length + hash.Length + 2));
            var n = System.Text.Encoding.UTF8.GetBytes($"{key}:{hash}\n", span);
            sha.AppendData(span[..n]);
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
