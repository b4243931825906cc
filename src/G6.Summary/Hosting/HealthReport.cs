namespace G6.Summary.Hosting;

/// <summary>A moment's view of the service's health.</summary>
public sealed record HealthReport(
    string Status,
    long Cycle,
    double? LastGoodReadAgeSec,
    long ReadErrors,
    string? LastReadError,
    int FailedPanels,
    double UptimeSec,
    Backplane.BackplaneStatus Backplane);
