using System.Text;
using G6.Summary.Compression;
using G6.Summary.Transport;

namespace G6.Summary.Tests.Transport;

public sealed class StreamRequestHeadTests
{
    private const string Plain = "GET /summary/events HTTP/1.1\r\nHost: 127.0.0.1:9320\r\nAccept: text/event-stream\r\n\r\n";

    [Fact]
    public void PlainGet_IsOurs_WithItsLength()
    {
        var bytes = Encoding.ASCII.GetBytes(Plain + "GET /next");
        Assert.Equal(HeadParse.Ours, StreamRequestHead.TryParse(bytes, out var head));
        Assert.Equal(Plain.Length, head!.Length);
        Assert.Equal(string.Empty, head.UserAgent);
        Assert.Equal(0, head.Token.Count);
        Assert.Null(head.LastEventId);
        Assert.False(head.HasOrigin);
        Assert.False(head.HasForwarding);
    }

    [Theory]
    [InlineData("/summary/events?panels=indices,alerts", "indices,alerts")]
    [InlineData("/summary/events?x=1&panels=indices%2Calerts", "indices,alerts")]
    [InlineData("/summary/events?panels=a&panels=b", "a,b")]
    [InlineData("/summary/events?x=1", "")]
    public void Query_PanelsParameter_DecodedAsKestrelDoes(string target, string panels)
    {
        var text = $"GET {target} HTTP/1.1\r\nHost: h\r\n\r\n";
        Assert.Equal(HeadParse.Ours, StreamRequestHead.TryParse(Encoding.ASCII.GetBytes(text), out var head));
        Assert.Equal(panels, head!.Panels.ToString());
        Assert.Equal(0, StreamRequestHead.TryParse(Encoding.ASCII.GetBytes(Plain), out var plain) == HeadParse.Ours ? plain!.Panels.Count : -1);
    }

    [Fact]
    public void Headers_TheStreamNeeds_AreTaken_TrimmedAndCaseInsensitive()
    {
        var text = "GET /summary/events?x=1 HTTP/1.1\r\nhost: example\r\nUSER-AGENT:  bench/1.0 \r\nx-api-token: tok-a\r\n" +
            "X-API-Token:tok-b\r\nLast-Event-ID: 0a1b2c3d-42\r\nX-Request-ID: abc_123\r\nOrigin: http://x\r\nX-Forwarded-For: 10.0.0.1\r\n" +
            "Connection: keep-alive\r\n\r\n";
        Assert.Equal(HeadParse.Ours, StreamRequestHead.TryParse(Encoding.ASCII.GetBytes(text), out var head));
        Assert.Equal("bench/1.0", head!.UserAgent);
        Assert.Equal<string>(["tok-a", "tok-b"], [.. head.Token.Select(t => t!)]);
        Assert.Equal("0a1b2c3d-42", head.LastEventId);
        Assert.Equal("abc_123", head.RequestId.ToString());
        Assert.True(head.HasOrigin);
        Assert.True(head.HasForwarding);
    }

    [Fact]
    public void BrowserEventSourceHead_IsOurs_WithItsCookie()
    {
        // What Chromium sends for `new EventSource('summary/events')` on a reconnect, signed in.
        var text = "GET /summary/events HTTP/1.1\r\nHost: 127.0.0.1:9320\r\nConnection: keep-alive\r\n" +
            "sec-ch-ua-platform: \"Linux\"\r\nCache-Control: no-cache\r\nUser-Agent: Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/156.0.0.0\r\n" +
            "Accept: text/event-stream\r\nsec-ch-ua: \"Chromium\";v=\"156\", \"Not-A.Brand\";v=\"99\"\r\nsec-ch-ua-mobile: ?0\r\n" +
            "Sec-Fetch-Site: same-origin\r\nSec-Fetch-Mode: cors\r\nSec-Fetch-Dest: empty\r\nReferer: http://127.0.0.1:9320/\r\n" +
            "Accept-Encoding: gzip, deflate, br, zstd\r\nAccept-Language: en-GB,en;q=0.9\r\nLast-Event-ID: 0a1b2c3d-42\r\n" +
            "Cookie: theme=dark; g6_session=v1.abc.123.def\r\n\r\n";
        Assert.Equal(HeadParse.Ours, StreamRequestHead.TryParse(Encoding.ASCII.GetBytes(text), out var head));
        Assert.Equal("theme=dark; g6_session=v1.abc.123.def", head!.Cookie.ToString());
        Assert.Equal("0a1b2c3d-42", head.LastEventId);
        Assert.Equal(0, head.Token.Count);
        Assert.False(head.HasOrigin);
        Assert.Equal("gzip, deflate, br, zstd", head.AcceptEncoding.ToString());
        Assert.Equal(ContentCoding.Gzip, ContentNegotiation.Choose(head.AcceptEncoding, enabled: true));
    }

    [Fact]
    public void AcceptEncoding_SeveralLinesAnyCase_AllKeptTrimmed_AbsentIsEmpty()
    {
        var text = "GET /summary/events HTTP/1.1\r\nHost: x\r\nAccept-Encoding:  br \r\naccept-encoding: gzip;q=0\r\nACCEPT-ENCODING: x-gzip\r\n\r\n";
        Assert.Equal(HeadParse.Ours, StreamRequestHead.TryParse(Encoding.ASCII.GetBytes(text), out var head));
        Assert.Equal<string>(["br", "gzip;q=0", "x-gzip"], [.. head!.AcceptEncoding.Select(v => v!)]);
        Assert.Equal(ContentCoding.Gzip, ContentNegotiation.Choose(head.AcceptEncoding, enabled: true));

        Assert.Equal(HeadParse.Ours, StreamRequestHead.TryParse(Encoding.ASCII.GetBytes(Plain), out var plain));
        Assert.Equal(0, plain!.AcceptEncoding.Count);
        Assert.Equal(ContentCoding.Identity, ContentNegotiation.Choose(plain.AcceptEncoding, enabled: true));
    }

    [Fact]
    public void SeveralCookieLines_AreAllKept()
    {
        var text = "GET /summary/events HTTP/1.1\r\nHost: x\r\nCookie: a=1\r\ncookie: g6_session=v1.x.1.y\r\n\r\n";
        Assert.Equal(HeadParse.Ours, StreamRequestHead.TryParse(Encoding.ASCII.GetBytes(text), out var head));
        Assert.Equal<string>(["a=1", "g6_session=v1.x.1.y"], [.. head!.Cookie.Select(c => c!)]);
    }

    [Theory]
    [InlineData("GET /summary/events HTTP/1.1\r\nHost: x\r\n")]
    [InlineData("GET /summary/ev")]
    [InlineData("G")]
    public void UnfinishedHead_OfOurs_IsIncomplete(string text) =>
        Assert.Equal(HeadParse.Incomplete, StreamRequestHead.TryParse(Encoding.ASCII.GetBytes(text), out _));

    [Theory]
    [InlineData("POST /summary/events HTTP/1.1\r\nHost: x\r\n\r\n")]
    [InlineData("HEAD /summary/events HTTP/1.1\r\nHost: x\r\n\r\n")]
    [InlineData("GET /summary/events HTTP/1.0\r\nHost: x\r\n\r\n")]
    [InlineData("GET /summary/events HTTP/2.0\r\nHost: x\r\n\r\n")]
    [InlineData("GET /summary/resync HTTP/1.1\r\nHost: x\r\n\r\n")]
    [InlineData("GET /summary/events/ HTTP/1.1\r\nHost: x\r\n\r\n")]
    [InlineData("GET /SUMMARY/EVENTS HTTP/1.1\r\nHost: x\r\n\r\n")]
    [InlineData("GET /summary/events%00 HTTP/1.1\r\nHost: x\r\n\r\n")]
    [InlineData("GET /summary/events?a b HTTP/1.1\r\nHost: x\r\n\r\n")]
    [InlineData("GET /summary/events?a#b HTTP/1.1\r\nHost: x\r\n\r\n")]
    [InlineData("GET  /summary/events HTTP/1.1\r\nHost: x\r\n\r\n")]
    [InlineData("GET /summary/events HTTP/1.1\nHost: x\n\n")]
    [InlineData("GET /summary/events HTTP/1.1\r\n\r\n")]
    [InlineData("GET /summary/events HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n")]
    [InlineData("GET /summary/events HTTP/1.1\r\nHost: x/y\r\n\r\n")]
    [InlineData("GET /summary/events HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello")]
    [InlineData("GET /summary/events HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n")]
    [InlineData("GET /summary/events HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n")]
    [InlineData("GET /summary/events HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n")]
    [InlineData("GET /summary/events HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n\r\n")]
    [InlineData("GET /summary/events HTTP/1.1\r\nHost: x\r\nUser-Agent: a\r\nUser-Agent: b\r\n\r\n")]
    [InlineData("GET /summary/events HTTP/1.1\r\nHost: x\r\nLast-Event-ID: a-1\r\nLast-Event-ID: a-2\r\n\r\n")]
    [InlineData("GET /summary/events HTTP/1.1\r\nHost: x\r\nBad Name: v\r\n\r\n")]
    [InlineData("GET /summary/events HTTP/1.1\r\nHost: x\r\n: v\r\n\r\n")]
    [InlineData("GET /summary/events HTTP/1.1\r\nHost: x\r\nNoColon\r\n\r\n")]
    [InlineData("GET /summary/events HTTP/1.1\r\nHost: x\r\nX-A: a\rb\r\n\r\n")]
    [InlineData("GET /summary/events HTTP/1.1\r\nHost: x\r\n folded: v\r\n\r\n")]
    [InlineData("GET /x HTTP/1.1\r\n")]
    [InlineData("\r\nGET /summary/events HTTP/1.1\r\nHost: x\r\n\r\n")]
    public void AnythingUnusual_IsNotOurs(string text) =>
        Assert.Equal(HeadParse.NotOurs, StreamRequestHead.TryParse(Encoding.ASCII.GetBytes(text), out _));

    [Fact]
    public void NonAsciiOrControlBytes_InAValue_AreNotOurs()
    {
        foreach (var b in new byte[] { 0x00, 0x01, 0x7F, 0x80, 0xFF })
        {
            var bytes = Encoding.ASCII.GetBytes("GET /summary/events HTTP/1.1\r\nHost: x\r\nUser-Agent: a?b\r\n\r\n");
            bytes[Array.IndexOf(bytes, (byte)'?')] = b;
            Assert.Equal(HeadParse.NotOurs, StreamRequestHead.TryParse(bytes, out _));
        }
    }

    [Fact]
    public void TooManyHeaders_OrAHeadTooLong_AreNotOurs()
    {
        var many = new StringBuilder("GET /summary/events HTTP/1.1\r\nHost: x\r\n");
        for (var i = 0; i < 64; i++)
        {
            many.Append("X-H").Append(i).Append(": v\r\n");
        }

        Assert.Equal(HeadParse.NotOurs, StreamRequestHead.TryParse(Encoding.ASCII.GetBytes(many.Append("\r\n").ToString()), out _));

        var unfinished = "GET /summary/events HTTP/1.1\r\nHost: x\r\nX-Long: " + new string('a', StreamRequestHead.MaxHeadBytes);
        Assert.Equal(HeadParse.NotOurs, StreamRequestHead.TryParse(Encoding.ASCII.GetBytes(unfinished).AsSpan(0, StreamRequestHead.MaxHeadBytes), out _));
    }
}
