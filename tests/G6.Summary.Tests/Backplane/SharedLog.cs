using System.Globalization;
using G6.Summary.Backplane;
using G6.Summary.Configuration;
using G6.Summary.Tests.Integration;
using G6.Summary.Tests.TestSupport;

namespace G6.Summary.Tests.Backplane;

/// <summary>Options for a node of a shared log on a test's own Redis.</summary>
internal static class SharedLog
{
    public static SummaryOptions Node(RedisServer redis, string nodeId, SummaryOptions? options = null) =>
        (options ?? new SummaryOptions()) with
        {
            Backplane = new BackplaneOptions
            {
                Kind = BackplaneKind.Redis,
                Redis = RedisAddress.Parse(redis.Configuration),
                NodeId = nodeId,
            },
        };

    /// <summary>Writes status <paramref name="cycle"/> the way the platform does: a new file renamed over the old one.</summary>
    public static void WriteStatus(string path, int cycle)
    {
        var lastRun = new DateTimeOffset(2025, 10, 17, 9, 15, 0, TimeSpan.Zero).AddSeconds(cycle);
        var json = ScriptedStatusSource.Status(cpu: 1 + (cycle % 7), cycle: cycle)
            .Replace("2025-10-17T16:32:57Z", lastRun.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var temp = path + ".tmp";
        File.WriteAllText(temp, json);
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>The cycle the loop panel shows in what <paramref name="model"/> holds.</summary>
    public static long LoopCycle(ClientModel model)
    {
        var line = model.Panels["loop"].Lines.Single(l => l.StartsWith("Cycle: ", StringComparison.Ordinal));
        return long.Parse(line["Cycle: ".Length..], CultureInfo.InvariantCulture);
    }
}
