using System.Buffers;
using System.Text;

namespace G6.Summary.Protocol;

/// <summary>
/// RFC 8785 (JCS) serialization for the one shape we hash: a JSON array of strings.
/// For strings, JCS is exactly ECMAScript's <c>JSON.stringify</c>: escape <c>"</c> and <c>\</c>,
/// use the short escapes for \b \t \n \f \r, <c>\u00xx</c> (lowercase hex) for other controls,
/// and leave every other character literal (no \u escapes for non-ASCII).
/// </summary>
public static class CanonicalJson
{
    /// <summary>Writes <c>["s1","s2",...]</c> as canonical UTF-8 into <paramref name="output"/>.</summary>
    public static void WriteStringArray(IBufferWriter<byte> output, ReadOnlySpan<string> values)
    {
        WriteAscii(output, "[");
        for (var i = 0; i < values.Length; i++)
        {
            if (i > 0)
            {
                WriteAscii(output, ",");
            }

            WriteString(output, values[i]);
        }

        WriteAscii(output, "]");
    }

    /// <summary>Returns the canonical text; for tests and diagnostics.</summary>
    public static string StringArrayToText(ReadOnlySpan<string> values)
    {
        var buffer = new ArrayBufferWriter<byte>();
        WriteStringArray(buffer, values);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteString(IBufferWriter<byte> output, string value)
    {
        WriteAscii(output, "\"");
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var escape = EscapeFor(value[i]);
            if (escape is null)
            {
                continue;
            }

            WriteUtf8(output, value.AsSpan(start, i - start));
            WriteAscii(output, escape);
            start = i + 1;
        }

        WriteUtf8(output, value.AsSpan(start));
        WriteAscii(output, "\"");
    }

    private static string? EscapeFor(char c) => c switch
    {
        '"' => "\\\"",
        '\\' => "\\\\",
        '\b' => "\\b",
        '\t' => "\\t",
        '\n' => "\\n",
        '\f' => "\\f",
        '\r' => "\\r",
        < ' ' => $"\\u{(int)c:x4}",
        _ => null,
    };

    private static void WriteUtf8(IBufferWriter<byte> output, ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return;
        }

        // Lone surrogates cannot be represented in UTF-8; the encoder substitutes U+FFFD, which is
        // also what every client's UTF-8 decoder will have seen on the wire.
        var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        var written = Encoding.UTF8.GetBytes(text, span);
        output.Advance(written);
    }

    private static void WriteAscii(IBufferWriter<byte> output, string text)
    {
        var span = output.GetSpan(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            span[i] = (byte)text[i];
        }

        output.Advance(text.Length);
    }
}
