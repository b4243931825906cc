using System.Text;
using G6.Summary.Bench.Harness;

namespace G6.Summary.Tests.Bench;

public sealed class BodyDecoderTests
{
    private const string Body = "event: hello\ndata: {\"seq\":1}\n\nevent: panel_update\ndata: {\"seq\":2}\n\n";

    [Fact]
    public void Chunked_SplitAnywhere_GivesTheBodyAndCompletes()
    {
        // Two chunks, one with an extension, then the last chunk with a trailer.
        var framed = Encoding.ASCII.GetBytes(
            $"{20:x}\r\n{Body[..20]}\r\n{Body.Length - 20:X};ext=1\r\n{Body[20..]}\r\n0\r\nX-Trailer: t\r\n\r\n");
        for (var cut = 0; cut <= framed.Length; cut++)
        {
            var (events, complete) = Decode(BodyFraming.Chunked, 0, framed[..cut], framed[cut..]);
            Assert.Equal(["hello:{\"seq\":1}", "panel_update:{\"seq\":2}"], events);
            Assert.True(complete);
        }
    }

    [Fact]
    public void Chunked_NotHex_IsRejected()
    {
        var decoder = new BodyDecoder(BodyFraming.Chunked, 0, new SseEventParser((_, _) => { }));
        Assert.Throws<InvalidDataException>(() => decoder.Feed("zz\r\n"u8));
    }

    [Fact]
    public void Chunked_MissingCrLfAfterData_IsRejected()
    {
        var decoder = new BodyDecoder(BodyFraming.Chunked, 0, new SseEventParser((_, _) => { }));
        Assert.Throws<InvalidDataException>(() => decoder.Feed("2\r\nabX"u8));
    }

    [Fact]
    public void ContentLength_StopsAtTheLength()
    {
        var bytes = Encoding.ASCII.GetBytes(Body + "data: after the body\n\n");
        var (events, complete) = Decode(BodyFraming.ContentLength, Encoding.ASCII.GetByteCount(Body), bytes, []);
        Assert.Equal(["hello:{\"seq\":1}", "panel_update:{\"seq\":2}"], events);
        Assert.True(complete);
    }

    [Fact]
    public void UntilClose_PassesEverythingAndNeverCompletes()
    {
        var bytes = Encoding.ASCII.GetBytes(Body);
        var (events, complete) = Decode(BodyFraming.UntilClose, 0, bytes[..7], bytes[7..]);
        Assert.Equal(2, events.Count);
        Assert.False(complete);
    }

    private static (List<string> Events, bool Complete) Decode(BodyFraming framing, long length, byte[] first, byte[] second)
    {
        var events = new List<string>();
        var decoder = new BodyDecoder(framing, length, new SseEventParser((type, data) => events.Add(type + ":" + Encoding.UTF8.GetString(data))));
        var complete = decoder.Feed(first);
        if (!complete)
        {
            complete = decoder.Feed(second);
        }

        return (events, complete);
    }
}
