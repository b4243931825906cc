using System.Text;
using G6.Summary.Bench.Harness;

namespace G6.Summary.Tests.Bench;

public sealed class StreamRecorderTests
{
    private const double ConnectAt = 1_000_000;

    [Fact]
    public void OnEvent_InOrder_NoGapsAndLatencyFromTs()
    {
        var (recorder, window) = Connected(snapshotSeq: 5);
        Event(recorder, "panel_update", """{"seq":6,"cycle":9,"ts":1000100.0,"updates":[{"key":"loop","lines":["a"]}]}""", 1_000_102.5, window);
        Event(recorder, "heartbeat", """{"seq":7,"cycle":10,"ts":1000200,"unchanged":true}""", 1_000_201, window);

        Assert.Equal(0, recorder.Gaps);
        Assert.Equal(0, recorder.Duplicates);
        Assert.Equal(2, recorder.WindowEvents);
        Assert.Equal(2, window.Count);
        Assert.Equal(2500, window.PercentileMicros(100));
        Assert.InRange(window.PercentileMicros(0), 1000, 1016); // the bucket's highest value: 1.6 % precision
        Assert.Equal(4, recorder.TotalEvents);
    }

    [Fact]
    public void OnEvent_HelloAndSnapshot_GiveConnectTimesButNoLatencySample()
    {
        var (recorder, window) = Connected(snapshotSeq: 5);
        Assert.Equal(3, recorder.TimeToHelloMs);
        Assert.Equal(4, recorder.TimeToSnapshotMs);
        Assert.Equal(0, window.Count);
        Assert.Equal(0, recorder.WindowEvents);
        Assert.True(recorder.HasBaseline);
    }

    [Fact]
    public void OnEvent_SeqJump_CountsEveryMissedEvent()
    {
        var (recorder, window) = Connected(snapshotSeq: 5);
        Update(recorder, 6, window);
        Update(recorder, 9, window);
        Update(recorder, 10, window);
        Update(recorder, 12, window);

        Assert.Equal(3, recorder.Gaps);
        Assert.Equal(0, recorder.Duplicates);
    }

    [Fact]
    public void OnEvent_RepeatOrStepBack_IsADuplicate_AndDoesNotMoveTheCursor()
    {
        var (recorder, window) = Connected(snapshotSeq: 5);
        Update(recorder, 6, window);
        Update(recorder, 6, window);
        Update(recorder, 4, window);
        Update(recorder, 7, window);

        Assert.Equal(2, recorder.Duplicates);
        Assert.Equal(0, recorder.Gaps);
    }

    [Fact]
    public void OnEvent_CoalescedJump_IsNotAGap()
    {
        var (recorder, window) = Connected(snapshotSeq: 5);
        Event(recorder, "panel_update", """{"seq":9,"ts":1,"updates":[],"coalesced":4}""", ConnectAt, window);
        Update(recorder, 10, window);

        Assert.Equal(0, recorder.Gaps);
        Assert.Equal(1, recorder.CoalescedEvents);
    }

    [Fact]
    public void OnEvent_LaterFullSnapshot_IsAResnapshotNotAGap()
    {
        var (recorder, window) = Connected(snapshotSeq: 5);
        Update(recorder, 6, window);
        Event(recorder, "full_snapshot", """{"seq":20,"ts":1,"panels":{}}""", ConnectAt, window);
        Update(recorder, 21, window);

        Assert.Equal(1, recorder.Resnapshots);
        Assert.Equal(14, recorder.SkippedBySnapshot);
        Assert.Equal(0, recorder.Gaps);
    }

    [Fact]
    public void OnEvent_ByeRepeatsTheLastSeq_NotADuplicate()
    {
        var (recorder, window) = Connected(snapshotSeq: 5);
        Update(recorder, 6, window);
        Event(recorder, "bye", """{"seq":6,"ts":1,"reason":"shutdown"}""", ConnectAt, window);

        Assert.Equal(0, recorder.Duplicates);
        Assert.Equal(1, recorder.EventsByType["bye"]);
    }

    [Fact]
    public void OnEvent_OutsideTheWindow_CountsTypesButNoLatency()
    {
        var (recorder, _) = Connected(snapshotSeq: 5);
        Update(recorder, 6, window: null);
        Update(recorder, 8, window: null);

        Assert.Equal(0, recorder.WindowEvents);
        Assert.Equal(2, recorder.EventsByType["panel_update"]);
        Assert.Equal(1, recorder.Gaps);
    }

    [Fact]
    public void OnEvent_ForeignServerWithoutSnapshot_FirstSeqIsTheBaseline()
    {
        var recorder = new StreamRecorder(0);
        var window = new LatencyHistogram();
        Event(recorder, "message", """{"seq":100,"ts":5}""", 6, window);
        Event(recorder, "message", """{"seq":101,"ts":5}""", 7, window);

        Assert.Equal(0, recorder.Gaps);
        Assert.Equal(2, window.Count);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("{\"seq\":1,")]
    [InlineData("")]
    public void OnEvent_DataNotAJsonObject_IsAParseError(string data)
    {
        var recorder = new StreamRecorder(0);
        var window = new LatencyHistogram();
        Event(recorder, "message", data, 1, window);

        Assert.Equal(1, recorder.ParseErrors);
        Assert.Equal(0, window.Count);
    }

    [Fact]
    public void EventFields_TryParse_ReadsTopLevelOnly()
    {
        Assert.True(EventFields.TryParse("""{"nested":{"seq":99,"ts":1},"seq":3,"ts":12.5,"list":[{"coalesced":2}]}"""u8, out var fields));
        Assert.Equal(new EventFields(3, 12.5, null), fields);
    }

    [Fact]
    public void EventFields_TryParse_CoalescedAfterSeqAndTs_IsStillRead()
    {
        Assert.True(EventFields.TryParse("""{"seq":3,"ts":12.5,"updates":[{"key":"a"}],"coalesced":4}"""u8, out var fields));
        Assert.Equal(new EventFields(3, 12.5, 4), fields);
    }

    [Fact]
    public void EventFields_TryParse_StopsOnceSeqAndTsAreKnown()
    {
        // The rest is not read when nothing after it can matter (a cheaper harness); what was read must
        // still be an object.
        Assert.True(EventFields.TryParse("""{"ts":12.5,"seq":3,"updates":[{"key":"""u8, out var fields));
        Assert.Equal(new EventFields(3, 12.5, null), fields);
        Assert.False(EventFields.TryParse("""["seq",3]"""u8, out _));
    }

    [Fact]
    public void MarkFailed_And_MarkEnded_KeepTheFirstCause()
    {
        var recorder = new StreamRecorder(0);
        recorder.MarkFailed("refused");
        recorder.MarkFailed("timeout");
        recorder.MarkEnded("reset");
        recorder.MarkEnded("bye");

        Assert.Equal("refused", recorder.FailureCause);
        Assert.Equal("reset", recorder.EndCause);
    }

    private static (StreamRecorder Recorder, LatencyHistogram Window) Connected(long snapshotSeq)
    {
        var recorder = new StreamRecorder(0) { ConnectStartedMs = ConnectAt };
        recorder.MarkConnected();
        var window = new LatencyHistogram();
        Event(recorder, "hello", $$"""{"seq":{{snapshotSeq}},"ts":1,"resumed":false}""", ConnectAt + 3, window);
        Event(recorder, "full_snapshot", $$$"""{"seq":{{{snapshotSeq}}},"ts":1,"panels":{}}""", ConnectAt + 4, window);
        return (recorder, window);
    }

    private static void Update(StreamRecorder recorder, long seq, LatencyHistogram? window) =>
        Event(recorder, "panel_update", $$"""{"seq":{{seq}},"ts":{{ConnectAt}},"updates":[]}""", ConnectAt + 1, window);

    private static void Event(StreamRecorder recorder, string type, string data, double receivedMs, LatencyHistogram? window) =>
        recorder.OnEvent(type, Encoding.UTF8.GetBytes(data), receivedMs, window);
}
