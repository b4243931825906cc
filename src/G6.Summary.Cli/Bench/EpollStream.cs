using System.Diagnostics;
using G6.Summary.Protocol;

namespace G6.Summary.Cli.Bench;

/// <summary>
/// One stream of the Linux reader: its socket, how far it got (connecting, reading the response head,
/// reading the body, done), and its body decoder. Touched only by its <see cref="EpollLoop"/>'s thread
/// once handed over; outcomes go to its <see cref="StreamRecorder"/>.
/// </summary>
internal sealed class EpollStream(int fd, StreamRecorder recorder, SseEventParser.EventHandler onEvent, long deadline)
{
    private byte[]? _head = new byte[1024];
    private int _headLength;
    private int _requestSent;
    private BodyDecoder? _body;
    private BodyFraming _framing;

    public enum Phase
    {
        Connecting,
        Head,
        Body,
        Done,
    }

    public int Fd { get; } = fd;

    public Phase State { get; private set; } = Phase.Connecting;

    /// <summary>Until then the response head must have arrived (<see cref="Stopwatch"/> ticks).</summary>
    public long Deadline { get; } = deadline;

    public StreamRecorder Recorder { get; } = recorder;

    /// <summary>The connect finished (or failed): send the request. True when all of it went.</summary>
    public bool OnConnected(ReadOnlySpan<byte> request)
    {
        var error = LinuxSockets.PendingError(Fd);
        if (error != 0)
        {
            Fail(CauseOf(error));
            return false;
        }

        while (_requestSent < request.Length)
        {
            var sent = LinuxSockets.Send(Fd, request[_requestSent..]);
            if (sent < 0)
            {
                var sendError = LinuxSockets.LastError;
                if (sendError != LinuxSockets.EAgain)
                {
                    Fail(CauseOf(sendError));
                }

                return false;
            }

            _requestSent += (int)sent;
        }

        State = Phase.Head;
        return true;
    }

    /// <summary>Reads what the socket has into the loop's buffer and processes it.</summary>
    public void OnReadable(byte[] buffer)
    {
        var read = LinuxSockets.Receive(Fd, buffer);
        if (read < 0)
        {
            var error = LinuxSockets.LastError;
            if (error is LinuxSockets.EAgain or LinuxSockets.EIntr)
            {
                return;
            }

            if (State == Phase.Head)
            {
                Fail(CauseOf(error));
            }
            else
            {
                End("reset");
            }

            return;
        }

        if (read == 0)
        {
            if (State == Phase.Head)
            {
                Fail("response_ended");
            }
            else
            {
                End(_framing == BodyFraming.UntilClose || _body!.IsComplete ? EndedCause() : "truncated");
            }

            return;
        }

        try
        {
            if (State == Phase.Head)
            {
                OnHeadBytes(buffer.AsSpan(0, (int)read));
            }
            else if (_body!.Feed(buffer.AsSpan(0, (int)read)))
            {
                End(EndedCause());
            }
        }
        catch (InvalidDataException)
        {
            if (State == Phase.Head)
            {
                Fail("invalid_response");
            }
            else
            {
                End("invalid_stream");
            }
        }
    }

    /// <summary>Closes the socket; a stream not yet open counts as failed with <paramref name="cause"/>.</summary>
    public void Stop(string cause)
    {
        if (State is Phase.Connecting or Phase.Head)
        {
            Fail(cause);
        }
        else
        {
            Close();
        }
    }

    internal static string CauseOf(int errno) => errno switch
    {
        111 => "refused",
        110 => "timeout",
        104 => "reset",
        23 or 24 => "too_many_open_files",
        98 or 99 => "no_local_port",
        113 or 101 => "unreachable",
        _ => "errno_" + errno,
    };

    private void OnHeadBytes(ReadOnlySpan<byte> bytes)
    {
        if (_headLength + bytes.Length > _head!.Length)
        {
            Array.Resize(ref _head, Math.Min(ResponseHead.MaxBytes, Math.Max(_head.Length * 2, _headLength + bytes.Length)));
            if (_headLength + bytes.Length > _head.Length)
            {
                throw new InvalidDataException("response head too long");
            }
        }

        bytes.CopyTo(_head.AsSpan(_headLength));
        _headLength += bytes.Length;
        if (!ResponseHead.TryParse(_head.AsSpan(0, _headLength), out var head, out var length))
        {
            return;
        }

        if (head.Status is < 200 or > 299)
        {
            Fail("http_" + head.Status.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return;
        }

        Recorder.MarkConnected();
        State = Phase.Body;
        _framing = head.Framing;
        _body = new BodyDecoder(head.Framing, head.ContentLength, new SseEventParser(onEvent));
        var rest = _head.AsSpan(length, _headLength - length);
        _head = null;
        if (_body.Feed(rest))
        {
            End(EndedCause());
        }
    }

    private string EndedCause() => Recorder.EventsByType.ContainsKey(EventNames.Bye) ? "bye" : "server_closed";

    private void Fail(string cause)
    {
        Recorder.MarkFailed(cause);
        Close();
    }

    private void End(string cause)
    {
        Recorder.MarkEnded(cause);
        Close();
    }

    private void Close()
    {
        if (State != Phase.Done)
        {
            State = Phase.Done;
            _ = LinuxSockets.Close(Fd);
        }
    }
}
