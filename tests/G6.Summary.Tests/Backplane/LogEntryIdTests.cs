using G6.Summary.Backplane;

namespace G6.Summary.Tests.Backplane;

public sealed class LogEntryIdTests
{
    [Theory]
    [InlineData(1, "1-0")]
    [InlineData(42, "42-0")]
    [InlineData(9_007_199_254_740_993, "9007199254740993-0")]
    public void Of_Seq_RoundTripsThroughTryParse(long seq, string id)
    {
        Assert.Equal(id, LogEntryId.Of(seq));
        Assert.True(LogEntryId.TryParse(id, out var parsed));
        Assert.Equal(seq, parsed);
    }

    [Fact]
    public void Of_SeqBelowOne_Throws() => Assert.Throws<ArgumentOutOfRangeException>(() => LogEntryId.Of(0));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0-0")]
    [InlineData("5-1")]
    [InlineData("-5-0")]
    [InlineData("1700000000000-0x")]
    [InlineData("abc-0")]
    public void TryParse_IdsThisLogNeverWrites_False(string? id) => Assert.False(LogEntryId.TryParse(id, out _));

    [Fact]
    public void From_IsTheFirstIdAtOrAfterTheSeq()
    {
        Assert.Equal("7-0", LogEntryId.From(7));
        Assert.Equal("0-0", LogEntryId.From(-3));
    }
}
