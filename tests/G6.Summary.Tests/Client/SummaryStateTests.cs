using G6.Summary.Client;

namespace G6.Summary.Tests.Client;

/// <summary>The client's state machine over scripted event sequences: every PROTOCOL.md rule a client must follow.</summary>
public sealed class SummaryStateTests
{
    private static readonly SummaryPanel Loop = ScriptedServer.Panel("loop", "Loop", "Cycle: 1");
    private static readonly SummaryPanel Cpu = ScriptedServer.Panel("resources", "Resources", "CPU: 7.3%");
    private static readonly SummaryPanel Alerts = ScriptedServer.Panel("alerts", "Alerts", "no alerts");

    [Fact]
    public void Apply_HelloThenSnapshot_SynchronizedAtServerDigest()
    {
        var server = ScriptedServer.WithPanels(Loop, Cpu, Alerts);
        var state = new SummaryState();

        Assert.Equal(ApplyOutcome.Applied, state.Apply(server.Hello()).Outcome);
        Assert.False(state.IsSynchronized);
        var result = state.Apply(server.Snapshot());

        Assert.Equal(ApplyOutcome.Applied, result.Outcome);
        Assert.True(state.IsSynchronized);
        Assert.Equal(server.Digest, state.Digest);
        Assert.Equal(["loop", "resources", "alerts"], state.Panels.Select(p => p.Key));
        Assert.Equal(["loop", "resources", "alerts"], result.ChangedKeys);
        Assert.Equal($"{server.Epoch}-1", state.LastEventId);
    }

    [Fact]
    public void Apply_UpdatesInOrder_ReplaceNamedPanelsAndReportChangedKeys()
    {
        var server = ScriptedServer.WithPanels(Loop, Cpu);
        var state = Synchronized(server);

        var result = state.Apply(server.Update(ScriptedServer.Panel("resources", "Resources", "CPU: 9.9%")));

        Assert.Equal(ApplyOutcome.Applied, result.Outcome);
        Assert.Equal(["resources"], result.ChangedKeys);
        Assert.True(state.TryGetPanel("resources", out var cpu));
        Assert.Equal(["CPU: 9.9%"], cpu.Lines);
        Assert.Equal(server.Digest, state.Digest);
        Assert.Equal(2, state.Seq);
    }

    [Fact]
    public void Apply_UpdateWithNewPanelKey_AddsItLast()
    {
        var server = ScriptedServer.WithPanels(Loop);
        var state = Synchronized(server);

        state.Apply(server.Update(Alerts));

        Assert.Equal(["loop", "alerts"], state.Panels.Select(p => p.Key));
        Assert.True(state.IsSynchronized);
    }

    [Fact]
    public void Apply_PanelWhoseLinesDoNotMatchItsHash_HashMismatchAndPanelKept()
    {
        var server = ScriptedServer.WithPanels(Loop, Cpu);
        var state = Synchronized(server);
        var update = server.Update(ScriptedServer.Panel("resources", "Resources", "CPU: 50.0%"));
        var tampered = update with { Panels = [update.Panels[0] with { Lines = ["CPU: 0.0%"] }] };

        var result = state.Apply(tampered);

        Assert.Equal(ApplyOutcome.ResyncNeeded, result.Outcome);
        Assert.Equal(ResyncReason.HashMismatch, result.Reason);
        Assert.False(state.IsSynchronized);
        Assert.Null(state.LastEventId);
        Assert.True(state.TryGetPanel("resources", out var cpu));
        Assert.Equal(["CPU: 7.3%"], cpu.Lines);
    }

    [Fact]
    public void Apply_HeartbeatWithAnotherDigest_DriftDetected()
    {
        var server = ScriptedServer.WithPanels(Loop, Cpu);
        var state = Synchronized(server);

        // The server changed a panel but the client never heard of it (a lost event with no seq gap to see).
        server.Update(ScriptedServer.Panel("loop", "Loop", "Cycle: 2"));
        var heartbeat = server.Heartbeat() with { Seq = 2 };

        var result = state.Apply(heartbeat);

        Assert.Equal(ApplyOutcome.ResyncNeeded, result.Outcome);
        Assert.Equal(ResyncReason.DigestMismatch, result.Reason);
        Assert.False(state.IsSynchronized);
    }

    [Fact]
    public void Apply_UpdateDigestDiffersAfterApplying_DigestMismatch()
    {
        var server = ScriptedServer.WithPanels(Loop, Cpu);
        var state = Synchronized(server);
        var update = server.Update(ScriptedServer.Panel("loop", "Loop", "Cycle: 2"));

        var result = state.Apply(update with { Digest = new string('0', 64) });

        Assert.Equal(ResyncReason.DigestMismatch, result.Reason);
        Assert.Equal(["loop"], result.ChangedKeys);
    }

    [Fact]
    public void Apply_SeqGap_ResyncThenStreamContinues()
    {
        var server = ScriptedServer.WithPanels(Loop, Cpu);
        var state = Synchronized(server);
        server.Update(ScriptedServer.Panel("loop", "Loop", "Cycle: 2"));            // seq 2: lost
        var third = server.Update(ScriptedServer.Panel("resources", "Resources", "CPU: 1.0%"));

        var gap = state.Apply(third);
        Assert.Equal(ApplyOutcome.ResyncNeeded, gap.Outcome);
        Assert.Equal(ResyncReason.SeqGap, gap.Reason);
        Assert.Contains("expected seq 2", gap.Detail, StringComparison.Ordinal);

        var resync = state.Apply(server.Snapshot());
        Assert.Equal(ApplyOutcome.Applied, resync.Outcome);
        Assert.Equal(server.Digest, state.Digest);

        var fourth = state.Apply(server.Update(ScriptedServer.Panel("loop", "Loop", "Cycle: 4")));
        Assert.Equal(ApplyOutcome.Applied, fourth.Outcome);
        Assert.Equal(4, state.Seq);
        Assert.Equal(server.Digest, state.Digest);
    }

    [Fact]
    public void Apply_CoalescedUpdateSkippingSeqs_AppliedWhenDigestMatches()
    {
        var server = ScriptedServer.WithPanels(Loop, Cpu);
        var state = Synchronized(server);
        server.Update(ScriptedServer.Panel("loop", "Loop", "Cycle: 2"));
        server.Update(ScriptedServer.Panel("loop", "Loop", "Cycle: 3"));
        var latestLoop = ScriptedServer.Panel("loop", "Loop", "Cycle: 4");
        var coalesced = server.Update(latestLoop) with { Coalesced = 3 };

        var result = state.Apply(coalesced);

        Assert.Equal(ApplyOutcome.Applied, result.Outcome);
        Assert.Equal(4, state.Seq);
        Assert.Equal(server.Digest, state.Digest);
    }

    [Fact]
    public void Apply_HeartbeatSkippingSeqsWithSameDigest_Applied()
    {
        // On a throttled stream the server sends only the latest of several heartbeats.
        var server = ScriptedServer.WithPanels(Loop);
        var state = Synchronized(server);
        server.Heartbeat();
        server.Heartbeat();

        var result = state.Apply(server.Heartbeat());

        Assert.Equal(ApplyOutcome.Applied, result.Outcome);
        Assert.Equal(4, state.Seq);
        Assert.True(state.IsSynchronized);
    }

    [Fact]
    public void Apply_ErrorAfterGap_SeqGapBecauseErrorsCarryNoDigest()
    {
        var server = ScriptedServer.WithPanels(Loop);
        var state = Synchronized(server);
        server.Heartbeat();

        var result = state.Apply(server.Error("status unreadable"));

        Assert.Equal(ResyncReason.SeqGap, result.Reason);
    }

    [Fact]
    public void Apply_ErrorInOrder_RecordedAndSeqAdvances()
    {
        var server = ScriptedServer.WithPanels(Loop);
        var state = Synchronized(server);

        var result = state.Apply(server.Error("status unreadable (invalid_json)"));

        Assert.Equal(ApplyOutcome.Applied, result.Outcome);
        Assert.Equal("status unreadable (invalid_json)", state.LastError?.Message);
        Assert.Equal(2, state.Seq);
        Assert.Equal(ApplyOutcome.Applied, state.Apply(server.Heartbeat()).Outcome);
    }

    [Fact]
    public void Apply_Truncated_ResyncNeededAndNotResumable()
    {
        var server = ScriptedServer.WithPanels(Loop, Cpu);
        var state = Synchronized(server);

        var result = state.Apply(server.Truncated(ScriptedServer.Panel("loop", "Loop", new string('x', 100))));

        Assert.Equal(ApplyOutcome.ResyncNeeded, result.Outcome);
        Assert.Equal(ResyncReason.Truncated, result.Reason);
        Assert.Null(state.LastEventId);

        Assert.Equal(ApplyOutcome.Applied, state.Apply(server.Snapshot()).Outcome);
        Assert.Equal(server.Digest, state.Digest);
        Assert.Equal(server.Seq, state.Seq);
    }

    [Fact]
    public void Apply_TruncatedHelloOnFreshStream_TruncatedReason()
    {
        var server = ScriptedServer.WithPanels(Loop);
        var state = new SummaryState();

        var result = state.Apply(new TruncatedEvent(1, 1, 0, "hello", 2048, 1024));

        Assert.Equal(ResyncReason.Truncated, result.Reason);
        Assert.Equal(ApplyOutcome.Applied, state.Apply(server.Snapshot()).Outcome);
    }

    [Fact]
    public void Apply_Bye_PlannedRestartKeepsResumableState()
    {
        var server = ScriptedServer.WithPanels(Loop);
        var state = Synchronized(server);

        var result = state.Apply(server.Bye());

        Assert.Equal(ApplyOutcome.PlannedRestart, result.Outcome);
        Assert.Equal("shutdown", result.Detail);
        Assert.True(state.IsSynchronized);
        Assert.Equal($"{server.Epoch}-1", state.LastEventId);
    }

    [Fact]
    public void Apply_ResumedHello_ReplayedEventsApplyWithoutSnapshot()
    {
        var server = ScriptedServer.WithPanels(Loop, Cpu);
        var state = Synchronized(server);

        // Disconnected: the server publishes two events the client will get as a replay.
        var missed1 = server.Update(ScriptedServer.Panel("loop", "Loop", "Cycle: 2"));
        var missed2 = server.Heartbeat();

        Assert.Equal(ApplyOutcome.Applied, state.Apply(server.Hello(resumed: true)).Outcome);
        Assert.True(state.IsSynchronized);
        Assert.Equal(ApplyOutcome.Applied, state.Apply(missed1).Outcome);
        Assert.Equal(ApplyOutcome.Applied, state.Apply(missed2).Outcome);
        Assert.Equal(server.Digest, state.Digest);
        Assert.Equal($"{server.Epoch}-3", state.LastEventId);
    }

    [Fact]
    public void Apply_ResumedHelloAtSameSeqWithOtherDigest_DigestMismatch()
    {
        var server = ScriptedServer.WithPanels(Loop);
        var state = Synchronized(server);
        var hello = server.Hello(resumed: true) with { Digest = new string('f', 64) };

        var result = state.Apply(hello);

        Assert.Equal(ResyncReason.DigestMismatch, result.Reason);
    }

    [Fact]
    public void Apply_FreshHelloAfterRestart_PanelsKeptUntilNewSnapshot()
    {
        var server = ScriptedServer.WithPanels(Loop, Cpu);
        var state = Synchronized(server);
        var restarted = ScriptedServer.WithPanels(ScriptedServer.Panel("loop", "Loop", "Cycle: 1 after restart"), Cpu);

        state.Apply(restarted.Hello() with { Epoch = "e0000002" });

        Assert.False(state.IsSynchronized);
        Assert.Equal(2, state.Panels.Count);
        var result = state.Apply(restarted.Snapshot() with { Epoch = "e0000002" });
        Assert.Equal(["loop"], result.ChangedKeys);
        Assert.Equal("e0000002-1", state.LastEventId);
    }

    [Fact]
    public void Apply_SnapshotWithoutAPanelHeldBefore_ReportsItRemoved()
    {
        var server = ScriptedServer.WithPanels(Loop, Cpu);
        var state = Synchronized(server);
        var smaller = ScriptedServer.WithPanels(Loop);

        var result = state.Apply(smaller.Snapshot());

        Assert.Equal(["resources"], result.ChangedKeys);
        Assert.Equal(["loop"], state.Panels.Select(p => p.Key));
    }

    [Fact]
    public void Apply_ReplayOverlappingResync_OlderEventsIgnored()
    {
        var server = ScriptedServer.WithPanels(Loop);
        var state = Synchronized(server);
        var second = server.Update(ScriptedServer.Panel("loop", "Loop", "Cycle: 2"));
        var third = server.Update(ScriptedServer.Panel("loop", "Loop", "Cycle: 3"));
        state.Apply(server.Snapshot());

        Assert.Equal(ApplyOutcome.Ignored, state.Apply(second).Outcome);
        Assert.Equal(ApplyOutcome.Ignored, state.Apply(third).Outcome);
        Assert.Equal(ApplyOutcome.Applied, state.Apply(server.Heartbeat()).Outcome);
        Assert.Equal(server.Digest, state.Digest);
    }

    [Fact]
    public void Apply_UpdateBeforeAnySnapshot_NoSnapshotResync()
    {
        var server = ScriptedServer.WithPanels(Loop);
        var state = new SummaryState();
        state.Apply(server.Hello());

        var result = state.Apply(server.Update(Cpu));

        Assert.Equal(ResyncReason.NoSnapshot, result.Reason);
    }

    [Fact]
    public void Apply_UnknownEventInOrder_CountedSoNextEventIsNoGap()
    {
        var server = ScriptedServer.WithPanels(Loop);
        var state = Synchronized(server);
        server.Heartbeat();
        var unknown = new UnknownEvent("future_event", server.Seq, server.Cycle, 0);

        Assert.Equal(ApplyOutcome.Applied, state.Apply(unknown).Outcome);
        Assert.Equal(ApplyOutcome.Applied, state.Apply(server.Heartbeat()).Outcome);
    }

    [Fact]
    public void Apply_SnapshotWithBadHash_HashMismatchAndStateUnchanged()
    {
        var server = ScriptedServer.WithPanels(Loop, Cpu);
        var state = Synchronized(server);
        var snapshot = server.Snapshot();
        var bad = snapshot with { Panels = [snapshot.Panels[0] with { Title = "Not loop" }, snapshot.Panels[1]] };

        var result = state.Apply(bad);

        Assert.Equal(ResyncReason.HashMismatch, result.Reason);
        Assert.True(state.TryGetPanel("loop", out var loop));
        Assert.Equal("Loop", loop.Title);
    }

    private static SummaryState Synchronized(ScriptedServer server)
    {
        var state = new SummaryState();
        state.Apply(server.Hello());
        Assert.Equal(ApplyOutcome.Applied, state.Apply(server.Snapshot()).Outcome);
        return state;
    }
}
