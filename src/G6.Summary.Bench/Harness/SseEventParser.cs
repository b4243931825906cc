using System.Text;
using G6.Summary.Protocol;

namespace G6.Summary.Bench.Harness;

/// <summary>
/// An incremental parser of a <c>text/event-stream</c> body (the WHATWG rules: lines end in CRLF, LF or
/// CR; <c>event</c> and <c>data</c> fields; comments; a blank line dispatches) fed with whatever bytes
/// the socket gave, split anywhere. Each dispatched event is handed over as its type and its data bytes.
/// </summary>
/// <remarks>
/// Hand-written instead of <see cref="System.Net.ServerSentEvents.SseParser"/> because it is the
/// harness's hot path: 100,000 events/s at 10,000 streams on the cores the server is measured on.
/// It is push-based (no async enumerator or stream read per event), copies a line only when it
/// arrives split across reads, and names the protocol's event types without allocating a string.
/// docs/STREAMING.md (Performance) has the harness's CPU per event before and after.
/// </remarks>
public sealed class SseEventParser(SseEventParser.EventHandler onEvent) : IBodySink
{
    /// <summary>Receives one dispatched event; <paramref name="data"/> is valid only during the call.</summary>
    public delegate void EventHandler(string eventType, ReadOnlySpan<byte> data);

    /// <summary>A line longer than this is not an event stream the harness can measure.</summary>
    public const int MaxLineBytes = 1024 * 1024;

    private const string DefaultEventType = "message";

    private static readonly string[] KnownTypes = [.. EventNames.All, DefaultEventType];

    private byte[] _partial = new byte[256];
    private int _partialLength;
    private byte[] _data = new byte[2048];
    private int _dataLength;
    private bool _hasData;
    private string _eventType = DefaultEventType;

    // A CR ended the last input: an LF starting the next one belongs to the same line break.
    private bool _skipLeadingLf;

    /// <summary>Parses the next bytes of the body; dispatches every event they complete.</summary>
    /// <exception cref="InvalidDataException">A line is longer than <see cref="MaxLineBytes"/>.</exception>
    public void Feed(ReadOnlySpan<byte> input)
    {
        if (_skipLeadingLf && !input.IsEmpty)
        {
            _skipLeadingLf = false;
            if (input[0] == (byte)'\n')
            {
                input = input[1..];
            }
        }

        while (!input.IsEmpty)
        {
            var end = input.IndexOfAny((byte)'\r', (byte)'\n');
            if (end < 0)
            {
                AppendPartial(input);
                return;
            }

            if (_partialLength > 0)
            {
                AppendPartial(input[..end]);
                ProcessLine(_partial.AsSpan(0, _partialLength));
                _partialLength = 0;
            }
            else
            {
                ProcessLine(input[..end]);
            }

            if (input[end] == (byte)'\r')
            {
                if (end + 1 == input.Length)
                {
                    _skipLeadingLf = true;
                }
                else if (input[end + 1] == (byte)'\n')
                {
                    end++;
                }
            }

            input = input[(end + 1)..];
        }
    }

    private void ProcessLine(ReadOnlySpan<byte> line)
    {
        if (line.IsEmpty)
        {
            Dispatch();
            return;
        }

        if (line[0] == (byte)':')
        {
            return;
        }

        var colon = line.IndexOf((byte)':');
        var field = colon < 0 ? line : line[..colon];
        var value = colon < 0 ? [] : line[(colon + 1)..];
        if (!value.IsEmpty && value[0] == (byte)' ')
        {
            value = value[1..];
        }

        if (field.SequenceEqual("data"u8))
        {
            AppendData(value);
        }
        else if (field.SequenceEqual("event"u8))
        {
            _eventType = NameOf(value);
        }

        // id and retry matter to a reconnecting client, not to a measurement; other fields are ignored.
    }

    private void Dispatch()
    {
        if (_hasData)
        {
            onEvent(_eventType, _data.AsSpan(0, _dataLength));
        }

        _hasData = false;
        _dataLength = 0;
        _eventType = DefaultEventType;
    }

    private void AppendData(ReadOnlySpan<byte> value)
    {
        var needed = _dataLength + value.Length + (_hasData ? 1 : 0);
        if (needed > _data.Length)
        {
            Array.Resize(ref _data, Math.Max(needed, _data.Length * 2));
        }

        if (_hasData)
        {
            _data[_dataLength++] = (byte)'\n';
        }

        value.CopyTo(_data.AsSpan(_dataLength));
        _dataLength += value.Length;
        _hasData = true;
    }

    private void AppendPartial(ReadOnlySpan<byte> bytes)
    {
        var needed = _partialLength + bytes.Length;
        if (needed > MaxLineBytes)
        {
            throw new InvalidDataException("an event-stream line is longer than " + MaxLineBytes + " bytes");
        }

        if (needed > _partial.Length)
        {
            Array.Resize(ref _partial, Math.Max(needed, _partial.Length * 2));
        }

        bytes.CopyTo(_partial.AsSpan(_partialLength));
        _partialLength = needed;
    }

    private static string NameOf(ReadOnlySpan<byte> value)
    {
        foreach (var known in KnownTypes)
        {
            if (value.Length == known.Length && Ascii.Equals(value, known))
            {
                return known;
            }
        }

        return Encoding.UTF8.GetString(value);
    }
}
