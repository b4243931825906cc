namespace G6.Summary.Snapshot;

/// <summary>Market phase as the platform sees it, e.g. OPEN / CLOSED for segment F&amp;O.</summary>
public sealed record MarketInfo
{
    public static MarketInfo Empty { get; } = new();

    public string? Status { get; init; }

    public string? Segment { get; init; }
}
