using System.Collections.Immutable;
using System.Globalization;
using G6.Summary.Snapshot;
using StackExchange.Redis;

namespace G6.Summary.Backplane;

/// <summary>
/// One entry of the shared log as read back: the event's SSE bytes exactly as the appending node encoded
/// them (so every node sends the same bytes for the same id), and what a node needs to move its state
/// along: cycle, ts, digest, changed keys and, for a change, every panel.
/// </summary>
internal sealed record LogEntry(
    long Seq,
    string Epoch,
    byte[] Frame,
    string Name,
    ImmutableArray<string> ChangedKeys,
    long Cycle,
    double Ts,
    string Digest,
    string? PanelsJson,
    StatusVersion Source)
{
    /// <summary>Separates changed keys in the <c>k</c> field (panel keys are <c>[a-z_]</c>).</summary>
    public const char KeySeparator = ',';

    /// <summary>Reads an XRANGE reply item (<c>[id, [field, value, …]]</c>); null when it is not one of ours.</summary>
    public static LogEntry? FromResult(RedisResult item)
    {
        if (item.Resp2Type != ResultType.Array || item.Length != 2 || !LogEntryId.TryParse((string?)item[0], out var seq))
        {
            return null;
        }

        var fields = item[1];
        if (fields.Resp2Type != ResultType.Array)
        {
            return null;
        }

        string? epoch = null, name = null, keys = null, digest = null, panels = null, version = null;
        byte[]? frame = null;
        long cycle = 0;
        double ts = 0;
        for (var i = 0; i + 1 < fields.Length; i += 2)
        {
            var value = fields[i + 1];
            switch ((string?)fields[i])
            {
                case "e": epoch = (string?)value; break;
                case "f": frame = (byte[]?)value; break;
                case "n": name = (string?)value; break;
                case "k": keys = (string?)value; break;
                case "c": cycle = ParseLong((string?)value); break;
                case "t": ts = ParseDouble((string?)value); break;
                case "d": digest = (string?)value; break;
                case "p": panels = (string?)value; break;
                case "v": version = (string?)value; break;
            }
        }

        if (epoch is null || frame is null || name is null || digest is null)
        {
            return null;
        }

        var changed = string.IsNullOrEmpty(keys) ? [] : keys.Split(KeySeparator).ToImmutableArray();
        return new LogEntry(seq, epoch, frame, name, changed, cycle, ts, digest, string.IsNullOrEmpty(panels) ? null : panels, ParseVersion(version));
    }

    public static string FormatTs(double ts) => ts.ToString("R", CultureInfo.InvariantCulture);

    public static long ParseLong(string? value) =>
        long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : 0;

    public static double ParseDouble(string? value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : 0;

    private static StatusVersion ParseVersion(string? value)
    {
        var colon = value?.IndexOf(':') ?? -1;
        return colon < 0 ? StatusVersion.None : new StatusVersion(ParseLong(value![..colon]), ParseLong(value[(colon + 1)..]));
    }
}
