using System.Buffers.Text;
using System.Text;

namespace G6.Summary.Bench.Harness;

/// <summary>
/// The parts of an HTTP/1.x response head the harness needs: the status code and how the body is
/// delimited (chunked, a Content-Length, or the end of the connection), and whether it is gzip.
/// </summary>
public readonly record struct ResponseHead(int Status, BodyFraming Framing, long ContentLength, bool Gzip = false)
{
    /// <summary>A head longer than this is not a response the harness will wait for.</summary>
    public const int MaxBytes = 16 * 1024;

    private static readonly byte[] EndOfHead = "\r\n\r\n"u8.ToArray();

    /// <summary>
    /// Parses the head at the start of <paramref name="received"/>; false while it is incomplete.
    /// <paramref name="length"/> is its size including the blank line (the body starts there).
    /// </summary>
    /// <exception cref="InvalidDataException">The bytes are not an HTTP/1.x response head.</exception>
    public static bool TryParse(ReadOnlySpan<byte> received, out ResponseHead head, out int length)
    {
        head = default;
        length = 0;
        var end = received.IndexOf(EndOfHead);
        if (end < 0)
        {
            if (received.Length >= MaxBytes)
            {
                throw new InvalidDataException("response head longer than " + MaxBytes + " bytes");
            }

            return false;
        }

        var lines = received[..end];
        var firstEnd = lines.IndexOf("\r\n"u8);
        var statusLine = firstEnd < 0 ? lines : lines[..firstEnd];

        // "HTTP/1.1 200 OK": the version, one space, three digits, then a space or the end.
        if (statusLine.Length < 12 || !statusLine.StartsWith("HTTP/1."u8) || statusLine[8] != (byte)' '
            || !Utf8Parser.TryParse(statusLine.Slice(9, 3), out int status, out var used) || used != 3
            || (statusLine.Length > 12 && statusLine[12] != (byte)' '))
        {
            throw new InvalidDataException("not an HTTP/1.x status line: " + Printable(statusLine));
        }

        var framing = BodyFraming.UntilClose;
        long contentLength = 0;
        var gzip = false;
        var rest = firstEnd < 0 ? [] : lines[(firstEnd + 2)..];
        while (!rest.IsEmpty)
        {
            var lineEnd = rest.IndexOf("\r\n"u8);
            var line = lineEnd < 0 ? rest : rest[..lineEnd];
            rest = lineEnd < 0 ? [] : rest[(lineEnd + 2)..];
            var colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                throw new InvalidDataException("malformed response header: " + Printable(line));
            }

            var name = line[..colon];
            var value = line[(colon + 1)..].Trim(" \t"u8);
            if (Ascii.EqualsIgnoreCase(name, "Transfer-Encoding"u8))
            {
                // The last coding is what delimits the body (RFC 9112, 6.3).
                var last = value[(value.LastIndexOf((byte)',') + 1)..].Trim(" \t"u8);
                if (Ascii.EqualsIgnoreCase(last, "chunked"u8))
                {
                    framing = BodyFraming.Chunked;
                }
            }
            else if (Ascii.EqualsIgnoreCase(name, "Content-Encoding"u8))
            {
                // The harness asks for gzip or nothing; any other coding is a body it cannot read.
                gzip = Ascii.EqualsIgnoreCase(value, "gzip"u8)
                    || (Ascii.EqualsIgnoreCase(value, "identity"u8) ? false : throw new InvalidDataException("unsupported Content-Encoding: " + Printable(value)));
            }
            else if (Ascii.EqualsIgnoreCase(name, "Content-Length"u8) && framing != BodyFraming.Chunked)
            {
                if (!Utf8Parser.TryParse(value, out contentLength, out var digits) || digits != value.Length || contentLength < 0)
                {
                    throw new InvalidDataException("bad Content-Length: " + Printable(value));
                }

                framing = BodyFraming.ContentLength;
            }
        }

        head = new ResponseHead(status, framing, contentLength, gzip);
        length = end + EndOfHead.Length;
        return true;
    }

    private static string Printable(ReadOnlySpan<byte> bytes)
    {
        var text = Encoding.ASCII.GetString(bytes[..Math.Min(bytes.Length, 80)]);
        return string.Concat(text.Select(c => char.IsControl(c) ? '?' : c));
    }
}
