using System.Diagnostics;

namespace G6.Summary.Bench.Harness;

/// <summary>
/// One stream of the Linux reader: its socket, how far it got (connecting, reading, done) and its
/// <see cref="StreamResponse"/>. Touched only by its <see cref="EpollLoop"/>'s thread once handed over.
/// </summary>
internal sealed class EpollStream(int fd, StreamRecorder recorder, SseEventParser.EventHandler onEvent, long deadline)
{
    private readonly StreamResponse _response = new(recorder, onEvent);
    private int _requestSent;

    public enum Phase
    {
        Connecting,
        Reading,
        Done,
    }

    public int Fd { get; } = fd;

    public Phase State { get; private set; } = Phase.Connecting;

    /// <summary>Until then the response head must have arrived (<see cref="Stopwatch"/> ticks).</summary>
    public long Deadline { get; } = deadline;

    /// <summary>True once the response head has arrived (no more deadline).</summary>
    public bool IsOpen => _response.IsOpen;

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

        State = Phase.Reading;
        return true;
    }

    /// <summary>Reads what the socket has into the loop's buffer and hands it to the response.</summary>
    public void OnReadable(byte[] buffer)
    {
        var read = LinuxSockets.Receive(Fd, buffer);
        if (read < 0)
        {
            var error = LinuxSockets.LastError;
            if (error is not (LinuxSockets.EAgain or LinuxSockets.EIntr))
            {
                Fail(CauseOf(error));
            }

            return;
        }

        if (read == 0)
        {
            _response.OnClosed();
        }
        else
        {
            _response.Feed(buffer.AsSpan(0, (int)read));
        }

        if (_response.IsOver)
        {
            Close();
        }
    }

    /// <summary>A connect or head that outlived its deadline.</summary>
    public void TimeOut() => Fail("timeout");

    /// <summary>The run ended: closes the socket (a stream not yet open counts as not connected by the end).</summary>
    public void Stop()
    {
        _response.OnStopped();
        Close();
    }

    /// <summary>Records a failure (a failed connect before the head, a reset after it) and closes the socket.</summary>
    public void Fail(string cause)
    {
        _response.OnFailed(cause);
        Close();
    }

    internal static string CauseOf(int errno) => errno switch
    {
        111 => "refused",
        110 => "timeout",
        104 => "reset",
        23 or 24 => "too_many_open_files",
        98 or 99 => "no_local_port",
        101 or 113 => "unreachable",
        _ => "errno_" + errno,
    };

    private void Close()
    {
        if (State != Phase.Done)
        {
            State = Phase.Done;
            _ = LinuxSockets.Close(Fd);
        }
    }
}
