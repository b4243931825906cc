using System.Net.ServerSentEvents;
using System.Text;
using G6.Summary.Configuration;
using G6.Summary.Publishing;

namespace G6.Summary.Tests.Publishing;

public sealed class EventEncoderTests
{
    [Fact]
    public async Task Frames_RoundTripThroughRuntimeSseParser()
    {
        var h = new PublisherHarness(new SummaryOptions { Streaming = new() { HeartbeatCycles = 1 } });
        h.Run(PublisherHarness.Panels(("header", "line with \"quotes\" and ✓"), ("indices", "i")));
        h.Run(PublisherHarness.Panels(("header", "line with \"quotes\" and ✓"), ("indices", "i")));
        var state = h.Log.Current;

        using var stream = new MemoryStream();
        stream.Write(h.Encoder.RetryPreamble.Plain.Span);
        stream.Write(h.Encoder.Hello(state, resumed: false).Bytes);
        stream.Write(h.Encoder.FullSnapshot(state).Bytes);
        for (var seq = 1; seq <= state.Seq; seq++)
        {
            Assert.True(h.Log.TryGet(seq, out var evt));
            stream.Write(evt.Frame.Span);
        }

        stream.Write(EventEncoder.Keepalive.Plain.Span);
        stream.Position = 0;

        var parser = SseParser.Create(stream);
        var items = new List<SseItem<string>>();
        await foreach (var item in parser.EnumerateAsync())
        {
            items.Add(item);
        }

        Assert.Equal(TimeSpan.FromMilliseconds(3000), parser.ReconnectionInterval);
        Assert.Equal(["hello", "full_snapshot", "panel_update", "heartbeat"], items.Select(i => i.EventType));
        Assert.Equal(["ab12cd34-2", "ab12cd34-2", "ab12cd34-1", "ab12cd34-2"], items.Select(i => i.EventId));
        Assert.Contains("line with \\\"quotes\\\" and ✓", items[1].Data, StringComparison.Ordinal);
    }

    [Fact]
    public void Hello_SameState_EncodedOnce()
    {
        var h = new PublisherHarness();
        h.Run(PublisherHarness.Panels(("header", "x")));
        var state = h.Log.Current;

        Assert.Same(h.Encoder.Hello(state, false), h.Encoder.Hello(state, false));
        Assert.Same(h.Encoder.FullSnapshot(state), h.Encoder.FullSnapshot(state));
        Assert.NotSame(h.Encoder.Hello(state, false), h.Encoder.Hello(state, true));
    }

    [Fact]
    public void Hello_CarriesProtocolFields()
    {
        var h = new PublisherHarness(new SummaryOptions { Streaming = new() { HeartbeatCycles = 7 } });
        h.Run(PublisherHarness.Panels(("header", "x"), ("alerts", "y")));
        var (name, id, data) = PublisherHarness.Parse(h.Encoder.Hello(h.Log.Current, resumed: true).Bytes);

        Assert.Equal("hello", name);
        Assert.Equal("ab12cd34-1", id);
        Assert.Equal(1, data.GetProperty("schema_version").GetInt32());
        Assert.Equal("ab12cd34", data.GetProperty("epoch").GetString());
        Assert.False(string.IsNullOrEmpty(data.GetProperty("server_version").GetString()));
        Assert.True(data.GetProperty("resumed").GetBoolean());
        Assert.Equal("update", data.GetProperty("diff_mode").GetString());
        Assert.Equal(7, data.GetProperty("heartbeat_cycles").GetInt32());
        Assert.Equal(h.Log.Current.Digest, data.GetProperty("digest").GetString());
        Assert.Equal(["header", "alerts"], data.GetProperty("panels").EnumerateArray().Select(p => p.GetProperty("key").GetString()));
    }

    [Fact]
    public void Keepalive_IsAnSseComment()
    {
        Assert.Equal(": keepalive\n\n", Encoding.UTF8.GetString(EventEncoder.Keepalive.Plain.Span));
    }
}
