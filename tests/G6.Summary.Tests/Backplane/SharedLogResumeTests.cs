using G6.Summary.Tests.Integration;
using G6.Summary.Tests.TestSupport;

namespace G6.Summary.Tests.Backplane;

/// <summary>Two real nodes on one real Redis: a client that moves between them resumes.</summary>
public sealed class SharedLogResumeTests
{
    [Fact]
    public async Task Resume_OnAnotherNode_HelloResumedThenTheSameEventBytes()
    {
        await using var redis = await RedisServer.StartAsync();
        var source = new ScriptedStatusSource(ScriptedStatusSource.Status(cpu: 1));
        await using var a = await TestServer.StartAsync(SharedLog.Node(redis, "a"), source);
        await using var b = await TestServer.StartAsync(SharedLog.Node(redis, "b"), new ScriptedStatusSource());

        // One epoch for both nodes, from the log.
        Assert.Equal(a.Log.Current.Epoch, b.Log.Current.Epoch);

        string lastId;
        var model = new ClientModel();
        await using (var first = await a.OpenStreamAsync())
        {
            model.Apply(await first.NextAsync());
            var snapshot = await first.NextAsync();
            Assert.Equal("full_snapshot", snapshot.Name);
            model.Apply(snapshot);
            source.Set(ScriptedStatusSource.Status(cpu: 2));
            await a.CycleAsync();
            var update = await first.NextAsync();
            Assert.Equal("panel_update", update.Name);
            model.Apply(update);
            lastId = update.Id;
        }

        // Changes published on A while the client is away.
        for (var cpu = 3; cpu <= 5; cpu++)
        {
            source.Set(ScriptedStatusSource.Status(cpu: cpu));
            await a.CycleAsync();
        }

        var head = a.Log.Current.Seq;
        await Wait.UntilAsync(() => b.Log.Current.Seq == head, "node b to follow the log to a's head");

        await using var onB = await b.OpenStreamAsync(lastId);
        await using var onA = await a.OpenStreamAsync(lastId);
        var hello = await onB.NextAsync();
        Assert.Equal("hello", hello.Name);
        Assert.True(hello.Data.GetProperty("resumed").GetBoolean());
        Assert.True((await onA.NextAsync()).Data.GetProperty("resumed").GetBoolean());
        for (var expected = model.Seq + 1; expected <= head; expected++)
        {
            var fromB = await onB.NextAsync();
            var fromA = await onA.NextAsync();
            Assert.Equal(expected, fromB.Seq);
            Assert.Equal(fromA.Id, fromB.Id);
            Assert.Equal(fromA.Name, fromB.Name);
            Assert.Equal(fromA.RawData, fromB.RawData);
            model.Apply(fromB);
        }

        Assert.Equal(b.Log.Current.Digest, model.Digest());
        Assert.False(onB.TryRead(out var extra), $"unexpected {extra?.Name}");

        // Resync on B is in hash parity with the log at the seq it reports.
        using var resync = System.Text.Json.JsonDocument.Parse(await b.Client.GetStringAsync("/summary/resync"));
        Assert.Equal(head, resync.RootElement.GetProperty("seq").GetInt64());
        Assert.Equal(model.Digest(), resync.RootElement.GetProperty("digest").GetString());
    }
}
