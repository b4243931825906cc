using G6.Summary.Panels;

namespace G6.Summary.Tests.Panels;

public sealed class PanelFormatTests
{
    [Theory]
    [InlineData(0.1, "0s")]
    [InlineData(59.9, "59s")]
    [InlineData(65, "1m 05s")]
    [InlineData(3600, "1h 00m")]
    [InlineData(40105, "11h 08m")]
    [InlineData(97200, "1d 03h")]
    [InlineData(-1, "—")]
    [InlineData(1e10, "—")]
    [InlineData(1e300, "—")]
    public void Duration_Seconds_FormatsTwoLargestUnits(double seconds, string expected)
    {
        Assert.Equal(expected, PanelFormat.Duration(seconds));
    }

    [Fact]
    public void Formats_Unknown_AreEmDash()
    {
        Assert.Equal("\u2014", PanelFormat.Price(null));
        Assert.Equal("\u2014", PanelFormat.Percent(null));
        Assert.Equal("\u2014", PanelFormat.Timestamp(null));
        Assert.Equal("\u2014", PanelFormat.Text("  "));
        Assert.Equal("\u2014", PanelFormat.Duration(null));
    }

    [Fact]
    public void Formats_Numbers_AreInvariant()
    {
        Assert.Equal("19,980.40", PanelFormat.Price(19980.4));
        Assert.Equal("+0.10%", PanelFormat.SignedPercent(0.1));
        Assert.Equal("-0.06%", PanelFormat.SignedPercent(-0.06));
        Assert.Equal("0.00%", PanelFormat.SignedPercent(0));
        Assert.Equal("96.2%", PanelFormat.Percent(96.2));
        Assert.Equal("0.642 s", PanelFormat.Seconds(0.642));
        Assert.Equal("60 s", PanelFormat.Seconds(60));
        Assert.Equal("2025-10-17 16:32:57Z", PanelFormat.Timestamp(new DateTimeOffset(2025, 10, 17, 22, 2, 57, TimeSpan.FromHours(5.5))));
    }
}
