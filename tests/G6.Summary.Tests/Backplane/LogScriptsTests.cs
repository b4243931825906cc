using G6.Summary.Backplane;
using G6.Summary.Tests.TestSupport;
using StackExchange.Redis;

namespace G6.Summary.Tests.Backplane;

/// <summary>The append decision and the epoch rules, as the Lua scripts make them, on a real Redis.</summary>
public sealed class LogScriptsTests : IAsyncLifetime
{
    private static readonly RedisLogKeys Keys = RedisLogKeys.For("t");
    private static readonly RedisKey[] KeyArgs = [Keys.Meta, Keys.Stream];
    private RedisServer? _redis;
    private ConnectionMultiplexer? _connection;

    private IDatabase Db => _connection!.GetDatabase();

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _connection = await ConnectionMultiplexer.ConnectAsync(_redis.Configuration);
    }

    public async Task DisposeAsync()
    {
        await _connection!.DisposeAsync();
        await _redis!.DisposeAsync();
    }

    [Fact]
    public async Task Reset_Start_FirstProposalWinsLaterOnesGetIt()
    {
        Assert.Equal("aaaa1111", await ResetAsync("start", "0", 0, "aaaa1111"));
        Assert.Equal("aaaa1111", await ResetAsync("start", "0", 0, "bbbb2222"));
    }

    [Fact]
    public async Task Append_OnTheHead_AppendsAsTheNextSeq_ThenTheSameHeadIsMoved()
    {
        await ResetAsync("start", "0", 0, "e1");
        Assert.Equal(["ok", "1"], await AppendAsync("e1", 0, "d0", "change", 10, 1, "d1"));
        Assert.Equal(["moved", "1"], await AppendAsync("e1", 0, "d0", "change", 10, 1, "d1b"));
        Assert.Equal(["moved", "1"], await AppendAsync("e1", 1, "not-the-digest", "same", 10, 1, "not-the-digest"));
        Assert.Equal(["ok", "2"], await AppendAsync("e1", 1, "d1", "same", 10, 1, "d1"));
        var entries = await Db.StreamRangeAsync(Keys.Stream);
        Assert.Equal(["1-0", "2-0"], entries.Select(e => e.Id.ToString()));
    }

    [Fact]
    public async Task Append_OlderStatus_RefusedForAChangeNotForAHeartbeat()
    {
        await ResetAsync("start", "0", 0, "e1");
        Assert.Equal("ok", (await AppendAsync("e1", 0, "d0", "change", 2000, 7, "d1"))[0]);
        Assert.Equal("older", (await AppendAsync("e1", 1, "d1", "change", 1000, 9, "d2"))[0]);
        Assert.Equal("older", (await AppendAsync("e1", 1, "d1", "change", 2000, 6, "d2"))[0]);
        Assert.Equal("ok", (await AppendAsync("e1", 1, "d1", "same", 1000, 0, "d1"))[0]);
        Assert.Equal("ok", (await AppendAsync("e1", 2, "d1", "change", 2000, 7, "d3"))[0]);
    }

    [Fact]
    public async Task Append_OtherEpochOrNoLog_RefusedSayingWhich()
    {
        await ResetAsync("start", "0", 0, "e1");
        Assert.Equal(["epoch", "e1"], await AppendAsync("e0", 0, "d0", "change", 1, 1, "d1"));
        Assert.Equal("+OK", await _redis!.CommandAsync("FLUSHALL"));
        Assert.Equal(["lost"], await AppendAsync("e1", 0, "d0", "change", 1, 1, "d1"));
    }

    [Fact]
    public async Task Reset_Restart_OnlyWhenTheLogIsBehindTheCaller()
    {
        await ResetAsync("start", "0", 0, "e1");
        await AppendAsync("e1", 0, "d0", "change", 1, 1, "d1");
        Assert.Equal("e1", await ResetAsync("restart", "e1", 1, "e2"));
        Assert.Equal("e1", await ResetAsync("restart", "e0", 5, "e2"));
        Assert.Equal("e2", await ResetAsync("restart", "e1", 5, "e2"));
        Assert.Equal(0, await Db.StreamLengthAsync(Keys.Stream));
    }

    private async Task<string?> ResetAsync(string mode, string epoch, long seq, string proposed) =>
        (string?)await Db.ScriptEvaluateAsync(LogScripts.Reset, KeyArgs, [mode, epoch, seq, proposed, "d0", 0, "0", "", 0, 0]);

    private async Task<string[]> AppendAsync(string epoch, long seq, string digest, string kind, long timeMs, long cycle, string digestAfter)
    {
        var reply = await Db.ScriptEvaluateAsync(LogScripts.Append, KeyArgs,
            [epoch, seq, digest, kind, timeMs, cycle, 100, Keys.Wake, "frame", "panel_update", "loop", 1, "0", digestAfter, "[]", "test"]);
        return [.. Enumerable.Range(0, reply.Length).Select(i => (string)reply[i]!)];
    }
}
