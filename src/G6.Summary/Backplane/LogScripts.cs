namespace G6.Summary.Backplane;

/// <summary>
/// The shared log's operations, each one Lua script so that Redis runs it atomically: every change to
/// the log (an append, a new epoch) is decided and made in one step, and every read sees one consistent
/// head. KEYS[1] is the metadata hash, KEYS[2] the stream (<see cref="RedisLogKeys"/>). None blocks.
/// </summary>
internal static class LogScripts
{
    /// <summary>
    /// The fenced append. ARGV: 1 epoch, 2 seq the event was built on, 3 digest it was built on, 4 kind
    /// (<c>change</c>: new panels; <c>same</c>: heartbeat or error), 5-6 the status version (time ms, cycle),
    /// 7 MAXLEN, 8 wake channel, 9 frame, 10 name, 11 changed keys, 12 cycle, 13 ts, 14 digest after,
    /// 15 panels JSON (change only), 16 node id.
    /// Returns <c>{ok, seq}</c>; <c>{moved, seq}</c> when the head is no longer where the event was built
    /// (another node appended first: exactly one of them wins each seq); <c>{older}</c> when the event's status
    /// is older than the head's (a node that read an older document must not take the state back to it);
    /// <c>{epoch, e}</c> for another epoch; <c>{lost}</c> when the log has no epoch (Redis lost its data).
    /// </summary>
    public const string Append = """
        local m = redis.call('HMGET', KEYS[1], 'epoch', 'seq', 'digest', 'src_t', 'src_c')
        if not m[1] then return {'lost'} end
        if m[1] ~= ARGV[1] then return {'epoch', m[1]} end
        if m[2] ~= ARGV[2] or m[3] ~= ARGV[3] then return {'moved', m[2]} end
        if ARGV[4] == 'change' then
          local t, c = tonumber(ARGV[5]), tonumber(ARGV[6])
          local ht, hc = tonumber(m[4]) or 0, tonumber(m[5]) or 0
          if t < ht or (t == ht and c < hc) then return {'older', ht .. ':' .. hc} end
        end
        local seq = tonumber(m[2]) + 1
        redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[7], seq .. '-0',
          'e', ARGV[1], 'f', ARGV[9], 'n', ARGV[10], 'k', ARGV[11], 'c', ARGV[12], 't', ARGV[13],
          'd', ARGV[14], 'p', ARGV[15], 'v', ARGV[5] .. ':' .. ARGV[6], 'o', ARGV[16])
        if ARGV[4] == 'change' then
          redis.call('HSET', KEYS[1], 'seq', seq, 'digest', ARGV[14], 'cycle', ARGV[12], 'ts', ARGV[13],
            'panels', ARGV[15], 'src_t', ARGV[5], 'src_c', ARGV[6])
        else
          redis.call('HSET', KEYS[1], 'seq', seq, 'cycle', ARGV[12], 'ts', ARGV[13])
        end
        redis.call('PUBLISH', ARGV[8], seq)
        return {'ok', tostring(seq)}
        """;

    /// <summary>
    /// Entries after a seq, with the head they were read at. ARGV: 1 first id, 2 COUNT.
    /// Returns <c>{ok, epoch, head, entries}</c> or <c>{lost}</c>.
    /// </summary>
    public const string Read = """
        local m = redis.call('HMGET', KEYS[1], 'epoch', 'seq')
        if not m[1] then return {'lost'} end
        return {'ok', m[1], m[2], redis.call('XRANGE', KEYS[2], ARGV[1], '+', 'COUNT', ARGV[2])}
        """;

    /// <summary>
    /// The head's whole state and the newest entries, newest first: what a node that starts late (or fell
    /// behind the trim) builds its window from. ARGV: 1 COUNT.
    /// Returns <c>{ok, epoch, head, digest, cycle, ts, panels, src_t, src_c, entries}</c> or <c>{lost}</c>.
    /// </summary>
    public const string Tail = """
        local m = redis.call('HMGET', KEYS[1], 'epoch', 'seq', 'digest', 'cycle', 'ts', 'panels', 'src_t', 'src_c')
        if not m[1] then return {'lost'} end
        return {'ok', m[1], m[2], m[3], m[4] or '0', m[5] or '0', m[6] or '', m[7] or '0', m[8] or '0',
          redis.call('XREVRANGE', KEYS[2], '+', '-', 'COUNT', ARGV[1])}
        """;

    /// <summary>
    /// Starts an epoch when the log has none (<c>ARGV[1] = start</c>), or replaces the epoch whose head is
    /// behind what a node applied (<c>restart</c>: Redis came back without acknowledged events). Whoever
    /// comes first wins; the others get the winner's epoch back. The new epoch begins at seq 0 holding the
    /// caller's panels, so clients are sent the last known state, not an empty one.
    /// ARGV: 1 mode, 2 epoch the caller follows, 3 its seq, 4 new epoch, 5 digest, 6 cycle, 7 ts, 8 panels,
    /// 9-10 status version. Returns the epoch now in force.
    /// </summary>
    public const string Reset = """
        local e = redis.call('HGET', KEYS[1], 'epoch')
        if e then
          if ARGV[1] ~= 'restart' or e ~= ARGV[2] then return e end
          if tonumber(redis.call('HGET', KEYS[1], 'seq')) >= tonumber(ARGV[3]) then return e end
        end
        redis.call('DEL', KEYS[1], KEYS[2])
        redis.call('HSET', KEYS[1], 'epoch', ARGV[4], 'seq', 0, 'digest', ARGV[5], 'cycle', ARGV[6], 'ts', ARGV[7],
          'panels', ARGV[8], 'src_t', ARGV[9], 'src_c', ARGV[10])
        return ARGV[4]
        """;
}
