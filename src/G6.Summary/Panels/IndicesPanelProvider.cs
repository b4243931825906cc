using System.Collections.Immutable;
using G6.Summary.Snapshot;
using static G6.Summary.Panels.PanelFormat;

namespace G6.Summary.Panels;

/// <summary>One row per index: price, change, status, age, legs and data quality, as an aligned text table.</summary>
public sealed class IndicesPanelProvider : IPanelProvider
{
    public const string Title = "Indices";

    // Column widths fit the largest realistic values (SENSEX "73,512.40", legs "1,234,567").
    private const int MinNameWidth = 5;
    private const int MaxNameWidth = 12;
    private static readonly (string Header, int Width, bool Right)[] Columns =
    [
        ("LTP", 10, true),
        ("Chg%", 7, true),
        ("Status", 8, false),
        ("Age", 7, true),
        ("Legs", 9, true),
        ("DQ%", 6, true),
        ("Issues", 6, true),
    ];

    public string Key => PanelKeys.Indices;

    public PanelContent Build(StatusSnapshot snapshot)
    {
        var indices = snapshot.Indices;
        if (indices.IsDefaultOrEmpty)
        {
            return new PanelContent(Key, Title, ["no indices"]);
        }

        var nameWidth = Math.Clamp(indices.Max(i => i.Name.Length), MinNameWidth, MaxNameWidth);
        var lines = ImmutableArray.CreateBuilder<string>(indices.Length + 1);
        lines.Add(Row(nameWidth, "Index", [.. Columns.Select(c => c.Header)]));
        foreach (var index in indices)
        {
            lines.Add(Row(nameWidth, index.Name,
            [
                Price(index.Ltp),
                SignedPercent(index.ChangePct),
                Text(index.Status),
                Duration(index.AgeSec),
                Count(index.Legs),
                Score(index.DqScorePct),
                Count(index.DqIssues),
            ]));
        }

        return new PanelContent(Key, Title, lines.MoveToImmutable());
    }

    private static string Row(int nameWidth, string name, string[] cells)
    {
        var parts = new string[cells.Length + 1];
        parts[0] = Cell(name, nameWidth, alignRight: false);
        for (var i = 0; i < cells.Length; i++)
        {
            parts[i + 1] = Cell(cells[i], Columns[i].Width, Columns[i].Right);
        }

        return string.Join(' ', parts).TrimEnd();
    }
}
