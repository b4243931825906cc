using System.Globalization;

namespace G6.Summary.Streaming;

/// <summary>A parsed <c>Last-Event-ID</c>: <c>&lt;epoch&gt;-&lt;seq&gt;</c>.</summary>
public readonly record struct ResumePoint(string Epoch, long Seq)
{
    // Longer ids are not ours; refusing them early keeps hostile values out of the parser.
    private const int MaxLength = 64;

    public static bool TryParse(string? value, out ResumePoint point)
    {
        point = default;
        if (string.IsNullOrEmpty(value) || value.Length > MaxLength)
        {
            return false;
        }

        var dash = value.LastIndexOf('-');
        if (dash <= 0 || dash == value.Length - 1)
        {
            return false;
        }

        var epoch = value[..dash];
        if (!epoch.All(char.IsAsciiLetterOrDigit)
            || !long.TryParse(value.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var seq))
        {
            return false;
        }

        point = new ResumePoint(epoch, seq);
        return true;
    }
}
