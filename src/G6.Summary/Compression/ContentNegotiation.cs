using System.Globalization;
using Microsoft.Extensions.Primitives;

namespace G6.Summary.Compression;

/// <summary>
/// Picks a stream's coding from its request's <c>Accept-Encoding</c> (RFC 9110, 12.5.3): gzip when the
/// client accepts it with a non-zero weight (by name, as <c>x-gzip</c>, or through <c>*</c>), identity
/// otherwise. Brotli is never chosen: its streams cannot be built from pieces compressed once for every
/// stream (docs/STREAMING.md, Compression, says why), and one encoder per stream is what we must not pay.
/// </summary>
public static class ContentNegotiation
{
    /// <summary>Header values longer than this are not read (a real browser sends about 30 bytes).</summary>
    public const int MaxHeaderLength = 1024;

    public const string Gzip = "gzip";

    public static ContentCoding Choose(StringValues acceptEncoding, bool enabled)
    {
        if (!enabled || StringValues.IsNullOrEmpty(acceptEncoding))
        {
            return ContentCoding.Identity;
        }

        double? gzip = null;
        double? any = null;
        var length = 0;
        foreach (var value in acceptEncoding)
        {
            length += value?.Length ?? 0;
            if (value is null || length > MaxHeaderLength)
            {
                return ContentCoding.Identity;
            }

            foreach (var item in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var (coding, weight) = Parse(item);
                if (weight is not { } q)
                {
                    continue;
                }

                if (coding.Equals(Gzip, StringComparison.OrdinalIgnoreCase) || coding.Equals("x-gzip", StringComparison.OrdinalIgnoreCase))
                {
                    gzip = Math.Max(gzip ?? 0, q);
                }
                else if (coding == "*")
                {
                    any = Math.Max(any ?? 0, q);
                }
            }
        }

        return (gzip ?? any ?? 0) > 0 ? ContentCoding.Gzip : ContentCoding.Identity;
    }

    /// <summary>One list member, <c>coding[;q=weight]</c>: its name and weight; a null weight when the member is malformed (it is ignored).</summary>
    private static (string Coding, double? Weight) Parse(string item)
    {
        var semicolon = item.IndexOf(';');
        if (semicolon < 0)
        {
            return (item, 1);
        }

        var coding = item[..semicolon].Trim();
        double weight = 1;
        foreach (var parameter in item[(semicolon + 1)..].Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = parameter.IndexOf('=');
            if (equals <= 0 || !parameter[..equals].Trim().Equals("q", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            // A weight is 0 to 1 with at most three decimals; anything else makes the member unreadable.
            var text = parameter[(equals + 1)..].Trim();
            if (text.Length > 5 || !double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out weight) || weight > 1)
            {
                return (coding, null);
            }
        }

        return (coding, weight);
    }
}
