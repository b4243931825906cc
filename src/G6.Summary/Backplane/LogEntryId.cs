using System.Globalization;

namespace G6.Summary.Backplane;

/// <summary>
/// Event seq ↔ Redis stream entry id. The log writes each entry with the explicit id <c>&lt;seq&gt;-0</c>,
/// so reading "everything after seq N" is <c>XRANGE (N+1)-0 +</c>, with no second index to keep, and an
/// entry's id says its seq. Seqs start at 1, and Redis refuses 0-0, so every id is valid.
/// </summary>
public static class LogEntryId
{
    public static string Of(long seq)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(seq, 1);
        return string.Create(CultureInfo.InvariantCulture, $"{seq}-0");
    }

    /// <summary>The first id at or after <paramref name="seq"/> (a range bound).</summary>
    public static string From(long seq) => string.Create(CultureInfo.InvariantCulture, $"{Math.Max(seq, 0)}-0");

    /// <summary>The seq of an id this log wrote; false for any other id.</summary>
    public static bool TryParse(string? id, out long seq)
    {
        seq = 0;
        if (id is null || !id.EndsWith("-0", StringComparison.Ordinal))
        {
            return false;
        }

        return long.TryParse(id.AsSpan(0, id.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out seq) && seq >= 1;
    }
}
