using System.Globalization;
using System.Text;

namespace G6.Summary.Cli.Dashboard;

/// <summary>
/// A frame as plain text for logs and pipes: a header line, then each panel as "[Title]" and its lines.
/// Tones become a two-character gutter so they survive without colour: "!!" bad, "! " warning, "i " info.
/// </summary>
public static class PlainFrameRenderer
{
    public static string Render(DashFrame frame, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var header = frame.Header;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture,
            $"=== {now.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z  {header.Connection}  {header.Source}  {header.Server}  cycle {header.Cycle}  updated {header.Age} ===\n");
        if (header.Notice is { } notice)
        {
            text.Append(Gutter(header.NoticeTone)).Append(notice).Append('\n');
        }

        foreach (var panel in frame.Panels)
        {
            text.Append(Gutter(panel.Tone)).Append('[').Append(panel.Title).Append("]\n");
            foreach (var line in panel.Lines)
            {
                text.Append(Gutter(line.Tone)).Append("  ").Append(line.Text).Append('\n');
            }
        }

        return text.ToString();
    }

    private static string Gutter(Tone tone) => tone switch
    {
        Tone.Bad => "!!",
        Tone.Warning => "! ",
        Tone.Info => "i ",
        _ => "  ",
    };
}
