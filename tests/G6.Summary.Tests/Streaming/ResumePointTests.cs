using G6.Summary.Streaming;

namespace G6.Summary.Tests.Streaming;

public sealed class ResumePointTests
{
    [Theory]
    [InlineData("ab12cd34-0", "ab12cd34", 0)]
    [InlineData("ab12cd34-42", "ab12cd34", 42)]
    [InlineData("Z9-9223372036854775807", "Z9", long.MaxValue)]
    public void TryParse_WellFormed_Parses(string value, string epoch, long seq)
    {
        Assert.True(ResumePoint.TryParse(value, out var point));
        Assert.Equal(new ResumePoint(epoch, seq), point);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ab12")]
    [InlineData("-5")]
    [InlineData("ab-")]
    [InlineData("ab--5")]
    [InlineData("ab-+5")]
    [InlineData("ab- 5")]
    [InlineData("ab-5x")]
    [InlineData("a b-5")]
    [InlineData("ab-99999999999999999999999")]
    [InlineData("../../etc/passwd-1")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-1")]
    public void TryParse_Malformed_Refuses(string? value)
    {
        Assert.False(ResumePoint.TryParse(value, out _));
    }
}
