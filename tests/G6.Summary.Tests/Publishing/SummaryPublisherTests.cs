using G6.Summary.Configuration;
using G6.Summary.Protocol;
using G6.Summary.Publishing;

namespace G6.Summary.Tests.Publishing;

public sealed class SummaryPublisherTests
{
    private static readonly (string, string)[] Base = [("header", "h1"), ("indices", "i1"), ("alerts", "a1")];

    [Fact]
    public void Publish_FirstCycle_UpdatesEveryPanelAtSeqOne()
    {
        var h = new PublisherHarness();
        var evt = h.Run(PublisherHarness.Panels(Base));

        Assert.NotNull(evt);
        var (name, id, data) = PublisherHarness.Parse(evt.Frame);
        Assert.Equal("panel_update", name);
        Assert.Equal("ab12cd34-1", id);
        Assert.Equal(1, data.GetProperty("seq").GetInt64());
        Assert.Equal(1, data.GetProperty("cycle").GetInt64());
        Assert.True(data.GetProperty("ts").GetDouble() > 1.6e12);
        Assert.Equal(["header", "indices", "alerts"], data.GetProperty("updates").EnumerateArray().Select(u => u.GetProperty("key").GetString()));
        Assert.Equal(h.Log.Current.Digest, data.GetProperty("digest").GetString());
    }

    [Fact]
    public void Publish_OnePanelChanged_UpdateNamesExactlyThatPanel()
    {
        var h = new PublisherHarness();
        h.Run(PublisherHarness.Panels(Base));
        var evt = h.Run(PublisherHarness.Panels(("header", "h1"), ("indices", "i2"), ("alerts", "a1")));

        var (_, id, data) = PublisherHarness.Parse(evt!.Frame);
        Assert.Equal("ab12cd34-2", id);
        var update = Assert.Single(data.GetProperty("updates").EnumerateArray());
        Assert.Equal("indices", update.GetProperty("key").GetString());
        Assert.Equal("INDICES", update.GetProperty("title").GetString());
        Assert.Equal(["i2"], update.GetProperty("lines").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal(PanelHasher.HashPanel("indices", "INDICES", ["i2"]), update.GetProperty("hash").GetString());
        Assert.Equal(["indices"], evt.ChangedKeys.ToArray());
    }

    [Fact]
    public void Publish_IdleCycles_HeartbeatEveryConfiguredCycles()
    {
        var h = new PublisherHarness(new SummaryOptions { Streaming = new() { HeartbeatCycles = 3 } });
        h.Run(PublisherHarness.Panels(Base));
        var names = new List<string?>();
        for (var i = 0; i < 9; i++)
        {
            names.Add(h.Run(PublisherHarness.Panels(Base))?.Name);
        }

        Assert.Equal([null, null, "heartbeat", null, null, "heartbeat", null, null, "heartbeat"], names);
        var (_, _, data) = PublisherHarness.Parse(h.Log.Current.Seq is var s && h.Log.TryGet(s, out var last) ? last.Frame : default);
        Assert.True(data.GetProperty("unchanged").GetBoolean());
        Assert.Equal(h.Log.Current.Digest, data.GetProperty("digest").GetString());
        Assert.Equal(4, data.GetProperty("seq").GetInt64());
        Assert.Equal(10, data.GetProperty("cycle").GetInt64());

        // 9 idle cycles x 3 panels were hits, the first cycle's 3 builds were misses.
        Assert.Equal(27.0 / 30.0, data.GetProperty("hit_ratio").GetDouble(), 6);
    }

    [Fact]
    public void Publish_ChangeResetsIdleCount()
    {
        var h = new PublisherHarness(new SummaryOptions { Streaming = new() { HeartbeatCycles = 2 } });
        h.Run(PublisherHarness.Panels(Base));
        Assert.Null(h.Run(PublisherHarness.Panels(Base)));
        Assert.Equal("panel_update", h.Run(PublisherHarness.Panels(("header", "h2"), ("indices", "i1"), ("alerts", "a1")))!.Name);
        Assert.Null(h.Run(PublisherHarness.Panels(("header", "h2"), ("indices", "i1"), ("alerts", "a1"))));
        Assert.Equal("heartbeat", h.Run(PublisherHarness.Panels(("header", "h2"), ("indices", "i1"), ("alerts", "a1")))!.Name);
    }

    [Fact]
    public void Publish_Problem_PublishesErrorAndDefersDueHeartbeat()
    {
        var h = new PublisherHarness(new SummaryOptions { Streaming = new() { HeartbeatCycles = 2 } });
        h.Run(PublisherHarness.Panels(Base));
        Assert.Null(h.Run(PublisherHarness.Panels(Base)));
        var error = h.Run(PublisherHarness.Panels(Base), "status unreadable (invalid_json): bad");
        Assert.Equal("error", error!.Name);
        var (_, _, data) = PublisherHarness.Parse(error.Frame);
        Assert.Equal("status unreadable (invalid_json): bad", data.GetProperty("message").GetString());
        Assert.True(data.GetProperty("recoverable").GetBoolean());

        Assert.Equal("heartbeat", h.Run(PublisherHarness.Panels(Base))!.Name);
    }

    [Fact]
    public async Task PublishAsync_LogRefusesTheAppend_NothingPublished_NextCycleBuildsOnTheHead()
    {
        var options = new SummaryOptions();
        var inner = new InMemoryEventLog("ab12cd34", 64);
        var log = new RefusingEventLog(inner) { RefuseNext = true };
        var publisher = new SummaryPublisher(options, log, new EventEncoder(options, TimeProvider.System), TimeProvider.System);
        var panels = PublisherHarness.Panels(Base);

        Assert.Null(await publisher.PublishAsync(new CycleReport(1, panels, "status unreadable"), CancellationToken.None));
        Assert.Equal(0, inner.Current.Seq);

        var update = await publisher.PublishAsync(new CycleReport(2, panels, null), CancellationToken.None);
        Assert.Equal(1, update!.Seq);
        Assert.Equal("panel_update", update.Name);

        // The problem seen in the refused cycle is not lost: the next quiet cycle reports it.
        var error = await publisher.PublishAsync(new CycleReport(3, panels, null), CancellationToken.None);
        Assert.Equal("error", error!.Name);
        Assert.Equal(2, error.Seq);
    }

    [Fact]
    public void Publish_ProblemInChangingCycle_ErrorFollowsNextQuietCycle()
    {
        var h = new PublisherHarness();
        h.Run(PublisherHarness.Panels(Base));
        Assert.Equal("panel_update", h.Run(PublisherHarness.Panels(("header", "h2"), ("indices", "i1"), ("alerts", "a1")), "panel alerts failed")!.Name);
        Assert.Equal("error", h.Run(PublisherHarness.Panels(("header", "h2"), ("indices", "i1"), ("alerts", "a1")))!.Name);
    }

    [Fact]
    public void Publish_StructuredMode_PublishesPanelDiff()
    {
        var h = new PublisherHarness(new SummaryOptions { Streaming = new() { Structured = true } });
        var evt = h.Run(PublisherHarness.Panels(Base));
        var (name, _, data) = PublisherHarness.Parse(evt!.Frame);
        Assert.Equal("panel_diff", name);
        Assert.True(data.GetProperty("structured").GetBoolean());
        Assert.Equal(["header", "indices", "alerts"], data.GetProperty("panels").EnumerateObject().Select(p => p.Name));
        Assert.Equal("h1", data.GetProperty("panels").GetProperty("header").GetProperty("lines")[0].GetString());
    }

    [Fact]
    public void Publish_SeqGrowsByOnePerEvent_DigestMatchesPanels()
    {
        var h = new PublisherHarness(new SummaryOptions { Streaming = new() { HeartbeatCycles = 1 } });
        for (var i = 0; i < 20; i++)
        {
            var evt = h.Run(PublisherHarness.Panels(("header", $"h{i / 3}"), ("indices", "i")));
            Assert.NotNull(evt);
            Assert.Equal(i + 1, evt.Seq);
        }

        var state = h.Log.Current;
        Assert.Equal(PanelHasher.Digest(state.Panels.Select(p => KeyValuePair.Create(p.Key, p.Hash))), state.Digest);
    }

    [Fact]
    public void Publish_EventOverLimit_BecomesTruncated()
    {
        var h = new PublisherHarness(new SummaryOptions { Streaming = new() { MaxEventBytes = 1024 } });
        var evt = h.Run(PublisherHarness.Panels(("header", new string('x', 2000))));
        var (name, id, data) = PublisherHarness.Parse(evt!.Frame);
        Assert.Equal("truncated", name);
        Assert.Equal("ab12cd34-1", id);
        Assert.Equal("panel_update", data.GetProperty("original_event").GetString());
        Assert.Equal(1024, data.GetProperty("limit").GetInt32());
        Assert.True(data.GetProperty("bytes").GetInt32() > 2000);
        Assert.True(evt.Frame.Length <= 1024);
    }
}
