using System.Text;
using G6.Summary.Bench.Harness;

namespace G6.Summary.Tests.Bench;

public sealed class ResponseHeadTests
{
    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n", 200, BodyFraming.UntilClose, 0)]
    [InlineData("HTTP/1.1 200 OK\r\ntransfer-encoding:  Chunked \r\n\r\n", 200, BodyFraming.Chunked, 0)]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\nContent-Length: 5\r\n\r\n", 200, BodyFraming.Chunked, 0)]
    [InlineData("HTTP/1.1 401 Unauthorized\r\nContent-Length: 13\r\n\r\n", 401, BodyFraming.ContentLength, 13)]
    [InlineData("HTTP/1.0 429\r\n\r\n", 429, BodyFraming.UntilClose, 0)]
    public void TryParse_CompleteHead_GivesStatusAndFraming(string head, int status, BodyFraming framing, long length)
    {
        var bytes = Encoding.ASCII.GetBytes(head + "data: x\n\n");
        Assert.True(ResponseHead.TryParse(bytes, out var parsed, out var headLength));
        Assert.Equal(new ResponseHead(status, framing, length), parsed);
        Assert.Equal(head.Length, headLength);
    }

    [Fact]
    public void TryParse_Incomplete_WaitsForMore()
    {
        Assert.False(ResponseHead.TryParse("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"u8, out _, out _));
    }

    [Theory]
    [InlineData("HTTP/2 200\r\n\r\n")]
    [InlineData("HTTP/1.1 2x0 OK\r\n\r\n")]
    [InlineData("SSH-2.0-OpenSSH_9.2\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nno colon here\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n")]
    public void TryParse_NotAResponse_IsRejected(string head)
    {
        Assert.Throws<InvalidDataException>(() => ResponseHead.TryParse(Encoding.ASCII.GetBytes(head), out _, out _));
    }
}
