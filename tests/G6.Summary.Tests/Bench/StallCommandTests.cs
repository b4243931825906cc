using G6.Summary.Bench.Commands;
using G6.Summary.Bench.Harness;

namespace G6.Summary.Tests.Bench;

public sealed class StallCommandTests
{
    [Fact]
    public void ParseSendBuffers_DefaultZeroAndBytes_InOrderWithoutRepeats() =>
        Assert.Equal([null, 0, 65536], StallCommand.ParseSendBuffers("default, 0,65536,DEFAULT"));

    [Theory]
    [InlineData("100")] // below the setting's minimum
    [InlineData("auto")]
    [InlineData("-1")]
    public void ParseSendBuffers_NotASettingValue_Null(string text) => Assert.Null(StallCommand.ParseSendBuffers(text));

    [Fact]
    public void Counter_UnlabelledCounter_ReadsItsValueNotAPrefixedOnes()
    {
        const string exposition = "# TYPE g6_sse_http_events_dropped_total counter\ng6_sse_http_events_dropped_total_x 3\ng6_sse_http_events_dropped_total 1602\n";
        Assert.Equal(1602, ServerCounters.Counter(exposition, "g6_sse_http_events_dropped_total"));
        Assert.Null(ServerCounters.Counter(exposition, "g6_sse_http_slow_disconnects_total"));
    }

    [Theory]
    [InlineData(null, "default")]
    [InlineData(0, "autotuning")]
    [InlineData(65536, "65536")]
    public void VariantName_NamesWhatTheServerWasGiven(int? sendBuffer, string expected) => Assert.Equal(expected, StallRunner.VariantName(sendBuffer));
}
