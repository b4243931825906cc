using System.Globalization;
using G6.Summary.Protocol;

namespace G6.Summary.Bench.Harness;

/// <summary>
/// One stream's response as the harness receives it, whatever reads the socket: bytes go in as they
/// arrive; the head is collected and judged (status, framing), then the body is decoded into events.
/// Every outcome (refused, failed, ended and why) goes to the stream's <see cref="StreamRecorder"/>, the
/// same way for both readers (<see cref="EpollReaders"/> and <see cref="EventStreamReader"/>).
/// </summary>
public sealed class StreamResponse(StreamRecorder recorder, SseEventParser.EventHandler onEvent)
{
    private byte[]? _head = new byte[1024];
    private int _headLength;
    private BodyDecoder? _body;
    private BodyFraming _framing;
    private GzipBodySink? _gzip;

    /// <summary>True once a 2xx head has arrived: the stream is connected.</summary>
    public bool IsOpen => _body is not null;

    /// <summary>True once the outcome is recorded; nothing more is read.</summary>
    public bool IsOver { get; private set; }

    /// <summary>Takes the next received bytes; false once the stream is over.</summary>
    public bool Feed(ReadOnlySpan<byte> received)
    {
        recorder.AddWireBytes(received.Length);
        try
        {
            if (_body is null)
            {
                OnHeadBytes(received);
            }
            else if (_body.Feed(received))
            {
                End(EndedCause());
            }
        }
        catch (InvalidDataException)
        {
            Fail(IsOpen ? "invalid_stream" : "invalid_response");
        }

        return !IsOver;
    }

    /// <summary>The server closed the connection.</summary>
    public void OnClosed()
    {
        if (!IsOpen)
        {
            Fail("response_ended");
        }
        else
        {
            End(_framing == BodyFraming.UntilClose || _body!.IsComplete ? EndedCause() : "truncated");
        }
    }

    /// <summary>
    /// The connection failed: before the head, a failed connect with <paramref name="cause"/>
    /// (<c>refused</c>, <c>timeout</c>, …); once open, a stream ended by a <c>reset</c>.
    /// </summary>
    public void OnFailed(string cause) => Fail(IsOpen ? "reset" : cause);

    /// <summary>The run ended: a stream not yet open was not connected by the end; an open one just stops.</summary>
    public void OnStopped()
    {
        if (!IsOpen)
        {
            Fail("not_connected_by_end");
        }

        IsOver = true;
        _gzip?.Dispose();
    }

    private void OnHeadBytes(ReadOnlySpan<byte> bytes)
    {
        var needed = _headLength + bytes.Length;
        if (needed > _head!.Length)
        {
            if (needed > ResponseHead.MaxBytes)
            {
                throw new InvalidDataException("response head too long");
            }

            Array.Resize(ref _head, Math.Min(ResponseHead.MaxBytes, Math.Max(_head.Length * 2, needed)));
        }

        bytes.CopyTo(_head.AsSpan(_headLength));
        _headLength = needed;
        if (!ResponseHead.TryParse(_head.AsSpan(0, _headLength), out var head, out var length))
        {
            return;
        }

        if (head.Status is < 200 or > 299)
        {
            Fail("http_" + head.Status.ToString(CultureInfo.InvariantCulture));
            return;
        }

        recorder.MarkConnected();
        _framing = head.Framing;
        var parser = new SseEventParser(onEvent);
        recorder.MarkGzip(head.Gzip);
        _gzip = head.Gzip ? new GzipBodySink(parser) : null;
        _body = new BodyDecoder(head.Framing, head.ContentLength, (IBodySink?)_gzip ?? parser);
        var rest = _head.AsSpan(length, _headLength - length);
        _head = null;
        if (_body.Feed(rest))
        {
            End(EndedCause());
        }
    }

    private string EndedCause() => recorder.EventsByType.ContainsKey(EventNames.Bye) ? "bye" : "server_closed";

    // Before the head an outcome is a failed connect; after it, an ended stream.
    private void Fail(string cause)
    {
        if (IsOpen)
        {
            End(cause);
            return;
        }

        recorder.MarkFailed(cause);
        IsOver = true;
        _gzip?.Dispose();
    }

    private void End(string cause)
    {
        recorder.MarkEnded(cause);
        IsOver = true;
        _gzip?.Dispose();
    }
}
