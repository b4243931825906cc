using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using G6.Summary.Client;
using G6.Summary.Protocol;
using G6.Summary.Protocol.Payloads;

namespace G6.Summary.Tests.Protocol;

/// <summary>
/// The protocol's payload records (what the server writes) against the client library's parser (which
/// reads JSON leniently on purpose, so it can follow newer servers): every field the records carry comes
/// back with the same value, so the two can never drift apart unnoticed.
/// </summary>
public sealed class PayloadContractTests
{
    private const string Digest = "d1d2";
    private static readonly PanelBody Loop = new("h-loop", "Loop", ["Cycle: 7", "Rate: 99%"]);

    private static string Json<T>(T payload, JsonTypeInfo<T> info) => JsonSerializer.Serialize(payload, info);

    [Fact]
    public void Hello_EveryFieldReadBack()
    {
        var payload = new HelloPayload(5, 7, 1.5, 1, "e1", "0.1.0", true, "update", 5, Digest, [new PanelHashEntry("loop", "h-loop")]);
        var hello = Assert.IsType<HelloEvent>(SummaryEventParser.Parse(EventNames.Hello, Json(payload, ProtocolJsonContext.Wire.HelloPayload)));

        Assert.Equal((5L, 7L, 1.5, 1, "e1", "0.1.0", true, "update", 5, Digest),
            (hello.Seq, hello.Cycle, hello.Ts, hello.SchemaVersion, hello.Epoch, hello.ServerVersion, hello.Resumed, hello.DiffMode, hello.HeartbeatCycles, hello.Digest));
        Assert.Equal("h-loop", hello.PanelHashes["loop"]);
    }

    [Fact]
    public void FullSnapshotAndResync_PanelsReadBack()
    {
        var snapshot = new FullSnapshotPayload(5, 7, 1.5, "e1", Digest, new Dictionary<string, PanelBody> { ["loop"] = Loop });
        var parsed = Assert.IsType<FullSnapshotEvent>(SummaryEventParser.Parse(EventNames.FullSnapshot, Json(snapshot, ProtocolJsonContext.Wire.FullSnapshotPayload)));
        AssertLoop(Assert.Single(parsed.Panels));
        Assert.Equal(("e1", Digest, 5L), (parsed.Epoch, parsed.Digest, parsed.Seq));

        var resync = new ResyncPayload(1, "e1", 9, 11, 2.5, Digest, new Dictionary<string, PanelBody> { ["loop"] = Loop });
        var fromResync = SummaryEventParser.ParseResync(Json(resync, ProtocolJsonContext.Wire.ResyncPayload));
        AssertLoop(Assert.Single(fromResync.Panels));
        Assert.Equal((9L, 11L, 2.5, "e1"), (fromResync.Seq, fromResync.Cycle, fromResync.Ts, fromResync.Epoch));
    }

    [Fact]
    public void UpdateAndDiff_CoalescedOptional_ReadBack()
    {
        var update = new PanelUpdatePayload(6, 8, 3.5, [new PanelUpdateEntry("loop", "h-loop", "Loop", ["Cycle: 7", "Rate: 99%"])], Digest, Coalesced: 3);
        var parsedUpdate = Assert.IsType<PanelUpdateEvent>(SummaryEventParser.Parse(EventNames.PanelUpdate, Json(update, ProtocolJsonContext.Wire.PanelUpdatePayload)));
        AssertLoop(Assert.Single(parsedUpdate.Panels));
        Assert.Equal((6L, Digest, (int?)3, false), (parsedUpdate.Seq, parsedUpdate.Digest, parsedUpdate.Coalesced, parsedUpdate.Structured));

        var diff = new PanelDiffPayload(6, 8, 3.5, new Dictionary<string, PanelBody> { ["loop"] = Loop }, true, Digest);
        var json = Json(diff, ProtocolJsonContext.Wire.PanelDiffPayload);
        var parsedDiff = Assert.IsType<PanelUpdateEvent>(SummaryEventParser.Parse(EventNames.PanelDiff, json));
        AssertLoop(Assert.Single(parsedDiff.Panels));
        Assert.True(parsedDiff.Structured);
        Assert.Null(parsedDiff.Coalesced);
        Assert.DoesNotContain("coalesced", json, StringComparison.Ordinal);
    }

    [Fact]
    public void HeartbeatErrorByeTruncated_ReadBack()
    {
        var heartbeat = Assert.IsType<HeartbeatEvent>(SummaryEventParser.Parse(EventNames.Heartbeat,
            Json(new HeartbeatPayload(4, 9, 1, true, Digest, 0.75), ProtocolJsonContext.Wire.HeartbeatPayload)));
        Assert.Equal((4L, 9L, Digest, (double?)0.75), (heartbeat.Seq, heartbeat.Cycle, heartbeat.Digest, heartbeat.HitRatio));

        var error = Assert.IsType<ServerErrorEvent>(SummaryEventParser.Parse(EventNames.Error,
            Json(new ErrorPayload(4, 9, 1, "status unreadable", true), ProtocolJsonContext.Wire.ErrorPayload)));
        Assert.Equal(("status unreadable", true), (error.Message, error.Recoverable));

        var bye = Assert.IsType<ByeEvent>(SummaryEventParser.Parse(EventNames.Bye,
            Json(new ByePayload(4, 12, 1, "server shutting down"), ProtocolJsonContext.Wire.ByePayload)));
        Assert.Equal((4L, 12L, "server shutting down"), (bye.Seq, bye.Cycle, bye.Reason));

        var truncated = Assert.IsType<TruncatedEvent>(SummaryEventParser.Parse(EventNames.Truncated,
            Json(new TruncatedPayload(4, 9, 1, "panel_update", 300_000, 262_144), ProtocolJsonContext.Wire.TruncatedPayload)));
        Assert.Equal(("panel_update", 300_000L, 262_144L), (truncated.OriginalEvent, truncated.Bytes, truncated.Limit));
    }

    private static void AssertLoop(SummaryPanel panel)
    {
        Assert.Equal(("loop", "Loop", "h-loop"), (panel.Key, panel.Title, panel.Hash));
        Assert.Equal(Loop.Lines, panel.Lines);
    }
}
