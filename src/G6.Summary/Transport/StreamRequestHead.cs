using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace G6.Summary.Transport;

/// <summary>
/// The head of a <c>GET /summary/events</c> request, read by the direct stream transport. The parser is
/// deliberately narrow: it takes only a plain, well-formed HTTP/1.1 GET of the events path and names the
/// few headers the stream needs. Anything else (another path or method, a body, an upgrade, odd bytes,
/// a header it does not expect twice) is "not ours" and goes to Kestrel untouched, so every unusual
/// request gets Kestrel's full parser and the same answer as without this transport.
/// </summary>
internal sealed class StreamRequestHead
{
    /// <summary>Bytes read before deciding; a real client's head is a few hundred. Kestrel allows 16 KB.</summary>
    public const int MaxHeadBytes = 4096;


    private static ReadOnlySpan<byte> RequestLineStart => "GET /summary/events"u8;

    private static ReadOnlySpan<byte> Version => " HTTP/1.1\r\n"u8;

    private StreamRequestHead()
    {
    }

    /// <summary>Bytes from the start of the request line to the end of the blank line.</summary>
    public int Length { get; private init; }

    public StringValues Token { get; private init; }

    /// <summary>Every <c>Cookie</c> header: a browser's <c>EventSource</c> carries its session there, not in a token header.</summary>
    public StringValues Cookie { get; private init; }

    public string UserAgent { get; private init; } = string.Empty;

    public string? LastEventId { get; private init; }

    /// <summary>The <c>panels</c> query parameter (a panel subset), decoded as Kestrel decodes a query; empty when absent.</summary>
    public StringValues Panels { get; private init; }

    public StringValues RequestId { get; private init; }

    /// <summary>Every <c>Accept-Encoding</c> header, as sent (the stream's coding is chosen from them).</summary>
    public StringValues AcceptEncoding { get; private init; }

    /// <summary>The request carries <c>Origin</c> (CORS is Kestrel's to answer when it is on).</summary>
    public bool HasOrigin { get; private init; }

    /// <summary>The request carries forwarding headers (Kestrel's to read when proxies are trusted).</summary>
    public bool HasForwarding { get; private init; }

    /// <summary>
    /// Parses <paramref name="data"/>, the first bytes the client sent. Returns <see cref="HeadParse.Ours"/>
    /// with the head, <see cref="HeadParse.Incomplete"/> when no blank line has arrived yet, or
    /// <see cref="HeadParse.NotOurs"/>.
    /// </summary>
    public static HeadParse TryParse(ReadOnlySpan<byte> data, out StreamRequestHead? head)
    {
        head = null;
        if (!StartsLikeOurs(data))
        {
            return HeadParse.NotOurs;
        }

        var firstLf = data.IndexOf((byte)'\n');
        if (firstLf == 0 || firstLf > 0 && data[firstLf - 1] != (byte)'\r')
        {
            // Bare LF line ends: tolerated by some parsers, never by this one.
            return HeadParse.NotOurs;
        }

        var end = data.IndexOf("\r\n\r\n"u8);
        if (end < 0)
        {
            return data.Length >= MaxHeadBytes ? HeadParse.NotOurs : HeadParse.Incomplete;
        }

        var length = end + 4;
        var lineEnd = data.IndexOf("\r\n"u8);
        if (!IsRequestLine(data[..(lineEnd + 2)]))
        {
            return HeadParse.NotOurs;
        }

        var query = data[RequestLineStart.Length..(lineEnd + 2 - Version.Length)];

        var fields = new HeadFields();
        var rest = data[(lineEnd + 2)..(end + 2)];
        var count = 0;
        while (!rest.IsEmpty)
        {
            var eol = rest.IndexOf("\r\n"u8);
            if (++count > RequestLimits.MaxHeaderCount /* more is Kestrel's to refuse */ || !fields.Add(rest[..eol]))
            {
                return HeadParse.NotOurs;
            }

            rest = rest[(eol + 2)..];
        }

        if (fields.Hosts != 1)
        {
            return HeadParse.NotOurs;
        }

        head = new StreamRequestHead
        {
            Length = length,
            Token = fields.Token,
            Cookie = fields.Cookie,
            UserAgent = fields.UserAgent ?? string.Empty,
            LastEventId = fields.LastEventId,
            Panels = PanelsOf(query),
            RequestId = fields.RequestId,
            AcceptEncoding = fields.AcceptEncoding,
            HasOrigin = fields.HasOrigin,
            HasForwarding = fields.HasForwarding,
        };
        return HeadParse.Ours;
    }

    private static StringValues PanelsOf(ReadOnlySpan<byte> query) =>
        !query.IsEmpty && QueryHelpers.ParseQuery(Encoding.ASCII.GetString(query)).TryGetValue("panels", out var panels)
            ? panels
            : StringValues.Empty;

    // Decides early, from the first bytes, so other requests are handed on without waiting for more.
    private static bool StartsLikeOurs(ReadOnlySpan<byte> data)
    {
        var prefix = RequestLineStart;
        var n = Math.Min(data.Length, prefix.Length);
        return data[..n].SequenceEqual(prefix[..n]);
    }

    private static bool IsRequestLine(ReadOnlySpan<byte> line)
    {
        if (!line.StartsWith(RequestLineStart) || !line.EndsWith(Version))
        {
            return false;
        }

        var tail = line[RequestLineStart.Length..^Version.Length];
        if (tail.IsEmpty)
        {
            return true;
        }

        // The events endpoint reads one query parameter (panels); any query is allowed (caches, EventSource
        // polyfills add one) if it is plain visible ASCII.
        if (tail[0] != (byte)'?')
        {
            return false;
        }

        foreach (var b in tail)
        {
            if (b is < 0x21 or > 0x7E or (byte)'#')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsTokenChar(byte b) =>
        char.IsAsciiLetterOrDigit((char)b) || b is (byte)'!' or (byte)'#' or (byte)'$' or (byte)'%' or (byte)'&'
            or (byte)'\'' or (byte)'*' or (byte)'+' or (byte)'-' or (byte)'.' or (byte)'^' or (byte)'_'
            or (byte)'`' or (byte)'|' or (byte)'~';

    private static bool IsValueChar(byte b) => b is (>= 0x20 and <= 0x7E) or (byte)'\t';

    private static bool IsHostChar(byte b) => char.IsAsciiLetterOrDigit((char)b) || b is (byte)'.' or (byte)'-' or (byte)':' or (byte)'[' or (byte)']' or (byte)'_';

    /// <summary>The header lines seen so far.</summary>
    private sealed class HeadFields
    {
        public int Hosts;
        public StringValues Token;
        public StringValues Cookie;
        public string? UserAgent;
        public string? LastEventId;
        public StringValues RequestId;
        public StringValues AcceptEncoding;
        public bool HasOrigin;
        public bool HasForwarding;

        /// <summary>Takes one header line; false when it makes the request not ours.</summary>
        public bool Add(ReadOnlySpan<byte> line)
        {
            var colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                return false;
            }

            var name = line[..colon];
            foreach (var b in name)
            {
                if (!IsTokenChar(b))
                {
                    return false;
                }
            }

            var value = line[(colon + 1)..];
            foreach (var b in value)
            {
                if (!IsValueChar(b))
                {
                    return false;
                }
            }

            value = value.Trim(" \t"u8);
            return Take(name, value);
        }

        private bool Take(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
        {
            if (Is(name, "host"))
            {
                Hosts++;
                foreach (var b in value)
                {
                    if (!IsHostChar(b))
                    {
                        return false;
                    }
                }

                return true;
            }

            if (Is(name, "x-api-token"))
            {
                Token = StringValues.Concat(Token, Text(value));
                return true;
            }

            if (Is(name, "cookie"))
            {
                // HTTP/1.1 clients send one Cookie line; several are kept as sent and admission reads them all.
                Cookie = StringValues.Concat(Cookie, Text(value));
                return true;
            }

            if (Is(name, "user-agent"))
            {
                return Once(ref UserAgent, value);
            }

            if (Is(name, "last-event-id"))
            {
                return Once(ref LastEventId, value);
            }

            if (Is(name, "x-request-id"))
            {
                RequestId = StringValues.Concat(RequestId, Text(value));
                return true;
            }

            if (Is(name, "accept-encoding"))
            {
                AcceptEncoding = StringValues.Concat(AcceptEncoding, Text(value));
                return true;
            }

            if (Is(name, "origin"))
            {
                HasOrigin = true;
                return true;
            }

            if (Is(name, "forwarded") || name.Length > 12 && Is(name[..12], "x-forwarded-"))
            {
                HasForwarding = true;
                return true;
            }

            if (Is(name, "connection"))
            {
                return Is(value, "keep-alive") || Is(value, "close");
            }

            // A body, an upgrade or an expectation changes how the request is read: Kestrel's job.
            return !(Is(name, "content-length") || Is(name, "transfer-encoding") || Is(name, "upgrade")
                || Is(name, "expect") || Is(name, "te") || Is(name, "trailer"));
        }

        private static bool Once(ref string? field, ReadOnlySpan<byte> value)
        {
            if (field is not null)
            {
                return false;
            }

            field = Text(value);
            return true;
        }

        private static bool Is(ReadOnlySpan<byte> text, string lowerAscii) =>
            Ascii.EqualsIgnoreCase(text, lowerAscii);

        private static string Text(ReadOnlySpan<byte> value) => Encoding.ASCII.GetString(value);
    }
}
