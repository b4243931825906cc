using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace G6.Summary.Panels;

/// <summary>
/// Makes panel text safe to hash, frame as SSE and draw in a terminal, whatever the status file held.
/// </summary>
internal static class PanelText
{
    /// <summary>Longest line kept; wider than any terminal dashboard draws, short enough to bound event size.</summary>
    public const int MaxLineChars = 160;

    public const int MaxTitleChars = 80;

    /// <summary>Most lines per panel; the last kept line then says how many were left out.</summary>
    public const int MaxLines = 40;

    private const char Ellipsis = '…';

    public static ImmutableArray<string> CleanLines(ImmutableArray<string> lines)
    {
        if (lines.IsDefaultOrEmpty)
        {
            return [];
        }

        var keep = lines.Length <= MaxLines ? lines.Length : MaxLines - 1;
        var builder = ImmutableArray.CreateBuilder<string>(keep == lines.Length ? keep : MaxLines);
        for (var i = 0; i < keep; i++)
        {
            builder.Add(Clean(lines[i], MaxLineChars));
        }

        if (keep < lines.Length)
        {
            builder.Add(string.Create(CultureInfo.InvariantCulture, $"{Ellipsis} {lines.Length - keep} more"));
        }

        return builder.MoveToImmutable();
    }

    /// <summary>
    /// Control characters (CR and LF above all: they would break SSE framing and terminal layout) become
    /// spaces, lone surrogates become U+FFFD (they cannot be encoded as UTF-8), and long text is cut with "…".
    /// </summary>
    public static string Clean(string? text, int maxChars)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        if (text.Length <= maxChars && IsClean(text))
        {
            return text;
        }

        // Stop copying one char past the limit: enough to know the text must be cut.
        var builder = new StringBuilder(Math.Min(text.Length, maxChars + 2));
        for (var i = 0; i < text.Length && builder.Length <= maxChars; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
            }
            else if (char.IsSurrogate(c))
            {
                builder.Append('\uFFFD');
            }
            else
            {
                builder.Append(IsUnsafe(c) ? ' ' : c);
            }
        }

        if (builder.Length > maxChars)
        {
            var cut = maxChars - 1;
            if (char.IsHighSurrogate(builder[cut - 1]))
            {
                cut--;
            }

            builder.Length = cut;
            builder.Append(Ellipsis);
        }

        return builder.ToString();
    }

    private static bool IsClean(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c) || IsUnsafe(c))
            {
                return false;
            }
        }

        return true;
    }

    // Besides C0/C1 controls: the Unicode line and paragraph separators (some clients split lines on them)
    // and the bidi overrides and isolates, which can make a terminal show text in a misleading order.
    private static bool IsUnsafe(char c) =>
        char.IsControl(c) || c is '\u2028' or '\u2029' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
}
