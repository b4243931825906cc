using G6.Summary.Compression;
using Microsoft.Extensions.Primitives;

namespace G6.Summary.Tests.Compression;

/// <summary><see cref="ContentNegotiation.Choose"/>: gzip only when Accept-Encoding accepts it with a weight above zero.</summary>
public sealed class ContentNegotiationTests
{
    [Theory]
    [InlineData("gzip", ContentCoding.Gzip)]
    [InlineData("x-gzip", ContentCoding.Gzip)]
    [InlineData("*", ContentCoding.Gzip)]
    [InlineData("gzip, deflate, br, zstd", ContentCoding.Gzip)] // Chromium
    [InlineData("deflate, gzip", ContentCoding.Gzip)] // curl --compressed
    [InlineData("gzip;q=0.5", ContentCoding.Gzip)]
    [InlineData("gzip;q=0.001", ContentCoding.Gzip)]
    [InlineData("gzip;q=1", ContentCoding.Gzip)]
    [InlineData("gzip;q=1.000", ContentCoding.Gzip)]
    [InlineData("gzip ; q = 0.8", ContentCoding.Gzip)]
    [InlineData("gzip;level=9", ContentCoding.Gzip)] // a parameter other than q is not a weight
    [InlineData("br;q=1, gzip;q=0.1", ContentCoding.Gzip)]
    [InlineData("*;q=0, gzip", ContentCoding.Gzip)]
    [InlineData("gzip;q=0", ContentCoding.Identity)]
    [InlineData("gzip;q=0.0", ContentCoding.Identity)]
    [InlineData("gzip;q=0.000", ContentCoding.Identity)]
    [InlineData("x-gzip;q=0", ContentCoding.Identity)]
    [InlineData("*;q=0", ContentCoding.Identity)]
    [InlineData("gzip;q=0, *", ContentCoding.Identity)] // gzip named with weight 0 is refused, whatever * says
    [InlineData("identity", ContentCoding.Identity)]
    [InlineData("identity;q=0", ContentCoding.Identity)]
    [InlineData("br", ContentCoding.Identity)]
    [InlineData("br, zstd, deflate", ContentCoding.Identity)]
    [InlineData("gzipx", ContentCoding.Identity)]
    [InlineData("gz", ContentCoding.Identity)]
    [InlineData("", ContentCoding.Identity)]
    [InlineData(" , ,, ", ContentCoding.Identity)]
    [InlineData(";q=1", ContentCoding.Identity)]
    [InlineData("gzip;q=0,5", ContentCoding.Identity)] // a comma ends the member: weight 0, then a coding named "5"
    public void Choose_Header_PicksCoding(string header, ContentCoding expected) =>
        Assert.Equal(expected, ContentNegotiation.Choose(header, enabled: true));

    [Theory]
    [InlineData("GZIP")]
    [InlineData("Gzip")]
    [InlineData("X-GZip")]
    [InlineData("gzip;Q=0.9")]
    public void Choose_AnyCase_IsGzip(string header) =>
        Assert.Equal(ContentCoding.Gzip, ContentNegotiation.Choose(header, enabled: true));

    [Fact]
    public void Choose_UpperCaseQZero_IsIdentity() =>
        Assert.Equal(ContentCoding.Identity, ContentNegotiation.Choose("GZIP;Q=0", enabled: true));

    [Theory]
    [InlineData("gzip;q=abc")]
    [InlineData("gzip;q=")]
    [InlineData("gzip;q=2")]
    [InlineData("gzip;q=1.001")]
    [InlineData("gzip;q=-1")]
    [InlineData("gzip;q=0.0001")]
    [InlineData("gzip;q=1e0")]
    [InlineData("gzip;q=.5.")]
    public void Choose_MalformedWeight_MemberIgnored(string header) =>
        Assert.Equal(ContentCoding.Identity, ContentNegotiation.Choose(header, enabled: true));

    [Theory]
    [InlineData("gzip;q=abc, *")]
    [InlineData("gzip;q=2, x-gzip")]
    [InlineData("gzip;q=1e0, br, gzip")]
    public void Choose_MalformedMemberIgnored_OthersStillCount(string header) =>
        Assert.Equal(ContentCoding.Gzip, ContentNegotiation.Choose(header, enabled: true));

    [Theory]
    [InlineData(new[] { "br", "gzip" }, ContentCoding.Gzip)]
    [InlineData(new[] { "identity", "*" }, ContentCoding.Gzip)]
    [InlineData(new[] { "gzip;q=0", "x-gzip" }, ContentCoding.Gzip)] // gzip under either name: the higher weight counts
    [InlineData(new[] { "br", "identity" }, ContentCoding.Identity)]
    [InlineData(new[] { "gzip;q=0", "br" }, ContentCoding.Identity)]
    [InlineData(new[] { "", "" }, ContentCoding.Identity)]
    public void Choose_SeveralHeaderValues_ReadTogether(string[] values, ContentCoding expected) =>
        Assert.Equal(expected, ContentNegotiation.Choose(new StringValues(values), enabled: true));

    [Fact]
    public void Choose_NoHeader_IsIdentity()
    {
        Assert.Equal(ContentCoding.Identity, ContentNegotiation.Choose(StringValues.Empty, enabled: true));
        Assert.Equal(ContentCoding.Identity, ContentNegotiation.Choose(default, enabled: true));
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("*")]
    [InlineData("x-gzip")]
    public void Choose_Disabled_IsIdentity(string header) =>
        Assert.Equal(ContentCoding.Identity, ContentNegotiation.Choose(header, enabled: false));

    [Fact]
    public void Choose_HeaderAtTheLimit_IsRead_OneByteOver_IsIdentity()
    {
        // "br, br, … gzip": the accepted member comes last, so it counts only if the whole value is read.
        var atLimit = Padded(ContentNegotiation.MaxHeaderLength);
        Assert.Equal(ContentNegotiation.MaxHeaderLength, atLimit.Length);
        Assert.Equal(ContentCoding.Gzip, ContentNegotiation.Choose(atLimit, enabled: true));

        var over = Padded(ContentNegotiation.MaxHeaderLength + 1);
        Assert.Equal(ContentCoding.Identity, ContentNegotiation.Choose(over, enabled: true));
        Assert.Equal(ContentCoding.Identity, ContentNegotiation.Choose("gzip, " + new string('a', 64 * 1024), enabled: true));
    }

    [Fact]
    public void Choose_SeveralValuesTogetherOverTheLimit_IsIdentity()
    {
        var half = Padded((ContentNegotiation.MaxHeaderLength / 2) + 1);
        Assert.Equal(ContentCoding.Gzip, ContentNegotiation.Choose(new StringValues([half]), enabled: true));
        Assert.Equal(ContentCoding.Identity, ContentNegotiation.Choose(new StringValues([half, half]), enabled: true));
        Assert.Equal(ContentCoding.Identity, ContentNegotiation.Choose(new StringValues(["gzip", new string(',', ContentNegotiation.MaxHeaderLength)]), enabled: true));
    }

    /// <summary>Exactly <paramref name="length"/> characters of "br" members, then gzip.</summary>
    private static string Padded(int length)
    {
        const string Tail = ", gzip";
        var head = "br" + new string(' ', length - Tail.Length - 2);
        return head + Tail;
    }
}
