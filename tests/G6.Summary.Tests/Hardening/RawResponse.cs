using System.Globalization;
using System.Text;

namespace G6.Summary.Tests.Hardening;

/// <summary>A raw answer: status (0 when the server closed without one), headers and the whole text.</summary>
internal sealed record RawResponse(int Status, string Head, string Text, bool TimedOut)
{
    public static RawResponse Parse(byte[] bytes, bool timedOut)
    {
        var text = Encoding.UTF8.GetString(bytes);
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = end < 0 ? text : text[..end];
        var status = 0;
        if (head.StartsWith("HTTP/1.", StringComparison.Ordinal) && head.Length >= 12)
        {
            int.TryParse(head.AsSpan(9, 3), NumberStyles.None, CultureInfo.InvariantCulture, out status);
        }

        return new RawResponse(status, head, text, timedOut);
    }

    public string? Header(string name)
    {
        foreach (var line in Head.Split("\r\n"))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line[..colon].Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return line[(colon + 1)..].Trim();
            }
        }

        return null;
    }
}
