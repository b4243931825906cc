using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace G6.Summary.Cli.Dashboard;

/// <summary>
/// Draws a <see cref="DashFrame"/> with Spectre.Console: a header bar and the panels in bordered boxes laid
/// out by <see cref="FrameLayout"/>. Every line is cut to its box beforehand, so nothing wraps and the frame
/// is exactly as tall as the layout says.
/// </summary>
public static class SpectreFrameRenderer
{
    private const char Ellipsis = '\u2026';

    public static IRenderable Render(DashFrame frame, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var header = HeaderLines(frame.Header, width);
        var layout = FrameLayout.Compute(frame.Panels, width, height - header.Count);
        var grid = new Grid();
        foreach (var columnWidth in layout.ColumnWidths)
        {
            grid.AddColumn(new GridColumn { Width = columnWidth, NoWrap = true, Padding = new Padding(0, 0, 0, 0) });
        }

        var cells = new IRenderable[layout.Columns.Count];
        for (var i = 0; i < cells.Length; i++)
        {
            cells[i] = new Rows(layout.Columns[i].Select(p => PanelBox(p, layout.ColumnWidths[i])));
        }

        grid.AddRow(cells);
        return new Rows([.. header, grid]);
    }

    /// <summary>
    /// Renders to a string of terminal output for a screen of <paramref name="width"/> × <paramref name="height"/>,
    /// at most <paramref name="height"/> lines joined by CR LF (no trailing newline, so the screen never scrolls).
    /// </summary>
    public static string RenderToString(DashFrame frame, int width, int height, ColorSystemSupport colors)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = colors == ColorSystemSupport.NoColors ? AnsiSupport.No : AnsiSupport.Yes,
            ColorSystem = colors,
            Out = new AnsiConsoleOutput(writer),
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = width;
        console.Profile.Height = height;
        console.Write(Render(frame, width, height));
        var lines = writer.ToString().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        while (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return string.Join("\r\n", lines.Take(height));
    }

    public static Style StyleOf(Tone tone) => tone switch
    {
        Tone.Good => new Style(Color.Green),
        Tone.Info => new Style(Color.DodgerBlue1),
        Tone.Warning => new Style(Color.Yellow),
        Tone.Bad => new Style(Color.Red, decoration: Decoration.Bold),
        Tone.Muted => new Style(Color.Grey),
        _ => Style.Plain,
    };

    /// <summary>Cuts <paramref name="text"/> to <paramref name="width"/> characters, marking the cut with "…".</summary>
    public static string Fit(string text, int width)
    {
        if (width <= 0)
        {
            return string.Empty;
        }

        return text.Length <= width ? text : string.Concat(text.AsSpan(0, width - 1), Ellipsis.ToString());
    }

    private static List<IRenderable> HeaderLines(DashHeader header, int width)
    {
        var parts = new List<(string Text, Tone Tone)>
        {
            ("G6 summary ", Tone.Normal),
            ($"\u25cf {header.Connection}", header.ConnectionTone),
            ($"  {header.Source}", Tone.Normal),
            ($"  {header.Server}", Tone.Muted),
            ($"  cycle {header.Cycle}", Tone.Normal),
            ("  updated ", Tone.Normal),
            (header.Age, header.AgeTone),
        };
        const string keys = "q quit  r redraw";
        var used = parts.Sum(p => p.Text.Length);
        if (used + keys.Length + 2 <= width)
        {
            parts.Add((new string(' ', width - used - keys.Length), Tone.Normal));
            parts.Add((keys, Tone.Muted));
        }

        var lines = new List<IRenderable> { Line(parts, width) };
        if (header.Notice is { } notice)
        {
            lines.Add(Line([(notice, header.NoticeTone)], width));
        }

        return lines;
    }

    private static Paragraph Line(IEnumerable<(string Text, Tone Tone)> parts, int width)
    {
        var paragraph = new Paragraph();
        var left = width;
        foreach (var (text, tone) in parts)
        {
            if (left <= 0)
            {
                break;
            }

            var fitted = text.Length > left ? Fit(text, left) : text;
            paragraph.Append(fitted, StyleOf(tone));
            left -= fitted.Length;
        }

        paragraph.Overflow = Overflow.Crop;
        return paragraph;
    }

    private static Panel PanelBox(PanelPlacement placement, int width)
    {
        var inner = Math.Max(1, width - FrameLayout.PanelChromeColumns);
        var panel = placement.Panel;
        var rows = new List<IRenderable>(placement.Rows);
        var shown = placement.HiddenLines == 0 ? panel.Lines.Count : placement.Rows - 1;
        foreach (var line in panel.Lines.Take(shown))
        {
            rows.Add(new Text(line.Text.Length == 0 ? " " : Fit(line.Text, inner), StyleOf(line.Tone)) { Overflow = Overflow.Crop });
        }

        if (placement.HiddenLines > 0)
        {
            var hiddenTone = panel.Lines.Skip(shown).Aggregate(Tone.Muted, (worst, l) => PanelTones.Worst(worst, l.Tone));
            rows.Add(new Text(Fit($"{Ellipsis} {placement.HiddenLines} more", inner), StyleOf(hiddenTone == Tone.Normal ? Tone.Muted : hiddenTone)));
        }

        if (rows.Count == 0)
        {
            rows.Add(new Text(" "));
        }

        return new Panel(new Rows(rows))
        {
            Header = new PanelHeader(Markup.Escape(Fit($" {panel.Title} ", Math.Max(1, width - 4)))),
            Border = BoxBorder.Rounded,
            BorderStyle = panel.Tone is Tone.Warning or Tone.Bad ? StyleOf(panel.Tone) : Style.Plain,
            Expand = true,
            Padding = new Padding(1, 0, 1, 0),
        };
    }
}
