using G6.Summary.Backplane;

namespace G6.Summary.Tests.Backplane;

public sealed class FollowCursorTests
{
    [Fact]
    public void Decide_LogWithoutEpoch_Start() =>
        Assert.Equal(FollowStep.Start, FollowCursor.Decide("ab", 10, null, 0, null));

    [Fact]
    public void Decide_AnotherEpoch_Rebuild() =>
        Assert.Equal(FollowStep.Rebuild, FollowCursor.Decide("ab", 10, "cd", 10, 11));

    [Fact]
    public void Decide_NotYetJoined_Rebuild() =>
        Assert.Equal(FollowStep.Rebuild, FollowCursor.Decide(RedisEventLog.UnjoinedEpoch, 0, "cd", 0, null));

    [Fact]
    public void Decide_HeadAtOurs_UpToDate() =>
        Assert.Equal(FollowStep.UpToDate, FollowCursor.Decide("ab", 10, "ab", 10, null));

    [Fact]
    public void Decide_EntriesRightAfterOurs_Apply() =>
        Assert.Equal(FollowStep.Apply, FollowCursor.Decide("ab", 10, "ab", 15, 11));

    [Theory]
    [InlineData(12L)]
    [InlineData(null)]
    public void Decide_FirstEntryNotNextOrMissing_Rebuild(long? first) =>
        Assert.Equal(FollowStep.Rebuild, FollowCursor.Decide("ab", 10, "ab", 300, first));

    [Fact]
    public void Decide_HeadBehindWhatWeApplied_Restart() =>
        Assert.Equal(FollowStep.Restart, FollowCursor.Decide("ab", 10, "ab", 7, null));
}
