using System.Text;
using G6.Summary.Bench.Harness;

namespace G6.Summary.Tests.Bench;

public sealed class StreamResponseTests
{
    private const string Head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n";

    [Fact]
    public void Feed_HeadSplitAcrossReads_ConnectsAndParsesTheBodyThatCameWithIt()
    {
        var (response, recorder, events) = New();
        var bytes = Encoding.ASCII.GetBytes(Head + "\r\nevent: hello\ndata: {\"seq\":1}\n\n");

        Assert.True(response.Feed(bytes.AsSpan(0, 10)));
        Assert.False(response.IsOpen);
        Assert.True(response.Feed(bytes.AsSpan(10)));

        Assert.True(response.IsOpen);
        Assert.True(recorder.Connected);
        Assert.Equal(["hello"], events);
    }

    [Fact]
    public void Feed_NotSuccess_FailsWithTheStatus()
    {
        var (response, recorder, _) = New();
        Assert.False(response.Feed("HTTP/1.1 429 Too Many Requests\r\nRetry-After: 1\r\n\r\n"u8));
        Assert.True(response.IsOver);
        Assert.False(recorder.Connected);
        Assert.Equal("http_429", recorder.FailureCause);
    }

    [Fact]
    public void Feed_NotHttp_FailsAsInvalidResponse()
    {
        var (response, recorder, _) = New();
        Assert.False(response.Feed("SSH-2.0-OpenSSH\r\n\r\n"u8));
        Assert.Equal("invalid_response", recorder.FailureCause);
    }

    [Fact]
    public void OnClosed_BeforeTheHead_ResponseEnded()
    {
        var (response, recorder, _) = New();
        response.Feed(Encoding.ASCII.GetBytes(Head));
        response.OnClosed();
        Assert.Equal("response_ended", recorder.FailureCause);
    }

    [Fact]
    public void OnClosed_InsideAChunk_Truncated_AfterBye_Bye()
    {
        var (chunked, chunkedRecorder, _) = New();
        chunked.Feed(Encoding.ASCII.GetBytes(Head + "Transfer-Encoding: chunked\r\n\r\n10\r\nevent: x"));
        chunked.OnClosed();
        Assert.Equal("truncated", chunkedRecorder.EndCause);

        var (direct, directRecorder, _) = New();
        direct.Feed(Encoding.ASCII.GetBytes(Head + "Connection: close\r\n\r\nevent: bye\ndata: {\"seq\":3}\n\n"));
        direct.OnClosed();
        Assert.Equal("bye", directRecorder.EndCause);
    }

    [Fact]
    public void OnFailed_BeforeTheHeadIsTheConnectCause_AfterItAReset()
    {
        var (opening, openingRecorder, _) = New();
        opening.OnFailed("refused");
        Assert.Equal("refused", openingRecorder.FailureCause);

        var (open, openRecorder, _) = New();
        open.Feed(Encoding.ASCII.GetBytes(Head + "\r\n"));
        open.OnFailed("refused");
        Assert.Null(openRecorder.FailureCause);
        Assert.Equal("reset", openRecorder.EndCause);
    }

    [Fact]
    public void OnStopped_NotYetOpen_NotConnectedByTheEnd()
    {
        var (response, recorder, _) = New();
        response.OnStopped();
        Assert.Equal("not_connected_by_end", recorder.FailureCause);
    }

    private static (StreamResponse Response, StreamRecorder Recorder, List<string> Events) New()
    {
        var recorder = new StreamRecorder(0);
        var events = new List<string>();
        var response = new StreamResponse(recorder, (type, data) =>
        {
            events.Add(type);
            recorder.OnEvent(type, data, 0, null);
        });
        return (response, recorder, events);
    }
}
