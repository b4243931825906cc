namespace G6.Summary.Bench.Harness;

/// <summary>
/// Undoes a response body's framing (chunked, Content-Length or until close) incrementally and passes
/// the body bytes on to its sink (the event parser, or a gzip inflater in front of it). Chunk data goes through in slices of the
/// received buffer, never copied.
/// </summary>
public sealed class BodyDecoder(BodyFraming framing, long contentLength, IBodySink sink)
{
    // A chunk size of more hex digits than this (2^60 bytes) is not a real stream.
    private const int MaxSizeDigits = 15;

    private State _state = framing == BodyFraming.ContentLength && contentLength == 0 ? State.Done : State.Size;
    private long _remaining = framing == BodyFraming.ContentLength ? contentLength : 0;
    private int _sizeDigits;
    private bool _trailerLineEmpty = true;

    private enum State
    {
        Size,
        Extension,
        SizeEnd,
        Data,
        DataCr,
        DataLf,
        Trailers,
        Done,
    }

    /// <summary>True once the body has ended (the zero chunk, or all of Content-Length).</summary>
    public bool IsComplete => _state == State.Done;

    /// <summary>Decodes the next received bytes; returns true once the body is complete.</summary>
    /// <exception cref="InvalidDataException">The chunk framing is broken.</exception>
    public bool Feed(ReadOnlySpan<byte> received)
    {
        switch (framing)
        {
            case BodyFraming.UntilClose:
                sink.Feed(received);
                return false;
            case BodyFraming.ContentLength:
                if (_state != State.Done)
                {
                    var take = (int)Math.Min(_remaining, received.Length);
                    sink.Feed(received[..take]);
                    _remaining -= take;
                    _state = _remaining == 0 ? State.Done : _state;
                }

                return IsComplete;
            default:
                return FeedChunked(received);
        }
    }

    private bool FeedChunked(ReadOnlySpan<byte> input)
    {
        while (!input.IsEmpty && _state != State.Done)
        {
            if (_state == State.Data)
            {
                var take = (int)Math.Min(_remaining, input.Length);
                sink.Feed(input[..take]);
                input = input[take..];
                _remaining -= take;
                if (_remaining == 0)
                {
                    _state = State.DataCr;
                }

                continue;
            }

            var b = input[0];
            input = input[1..];
            switch (_state)
            {
                case State.Size:
                    SizeByte(b);
                    break;
                case State.Extension:
                    if (b == (byte)'\n')
                    {
                        EndSizeLine();
                    }
                    else if (b == (byte)'\r')
                    {
                        _state = State.SizeEnd;
                    }

                    break;
                case State.SizeEnd:
                    Expect(b, (byte)'\n');
                    EndSizeLine();
                    break;
                case State.DataCr:
                    if (b == (byte)'\n')
                    {
                        _state = State.Size;
                    }
                    else
                    {
                        Expect(b, (byte)'\r');
                        _state = State.DataLf;
                    }

                    break;
                case State.DataLf:
                    Expect(b, (byte)'\n');
                    _state = State.Size;
                    break;
                case State.Trailers:
                    if (b == (byte)'\n')
                    {
                        _state = _trailerLineEmpty ? State.Done : State.Trailers;
                        _trailerLineEmpty = true;
                    }
                    else if (b != (byte)'\r')
                    {
                        _trailerLineEmpty = false;
                    }

                    break;
            }
        }

        return IsComplete;
    }

    private void SizeByte(byte b)
    {
        var digit = HexValue(b);
        if (digit >= 0)
        {
            if (++_sizeDigits > MaxSizeDigits)
            {
                throw new InvalidDataException("chunk size too large");
            }

            _remaining = (_remaining << 4) | (uint)digit;
            return;
        }

        if (_sizeDigits == 0)
        {
            throw new InvalidDataException("chunk size expected");
        }

        switch (b)
        {
            case (byte)';' or (byte)' ' or (byte)'\t':
                _state = State.Extension;
                break;
            case (byte)'\r':
                _state = State.SizeEnd;
                break;
            case (byte)'\n':
                EndSizeLine();
                break;
            default:
                throw new InvalidDataException("bad byte in a chunk size");
        }
    }

    private void EndSizeLine()
    {
        _sizeDigits = 0;
        _state = _remaining == 0 ? State.Trailers : State.Data;
    }

    private static void Expect(byte actual, byte expected)
    {
        if (actual != expected)
        {
            throw new InvalidDataException("chunk framing broken");
        }
    }

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };
}
