using G6.Summary.Backplane;
using G6.Summary.Configuration;
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
}
