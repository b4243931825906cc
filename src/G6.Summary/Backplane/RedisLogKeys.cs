namespace G6.Summary.Backplane;

/// <summary>
/// The Redis names of one deployment's log, under <c>G6_REDIS_PREFIX</c>: a hash of metadata (epoch,
/// head seq, digest, the head's panels and status version), the stream of events, and the pub/sub
/// channel that wakes followers. The two keys share a hash tag so that a Redis Cluster keeps them in
/// one slot, which the scripts need.
/// </summary>
public sealed record RedisLogKeys(string Meta, string Stream, string Wake)
{
    public static RedisLogKeys For(string prefix) =>
        new($"{{{prefix}}}:meta", $"{{{prefix}}}:log", $"{{{prefix}}}:wake");
}
