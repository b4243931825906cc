namespace G6.Summary.Configuration;

/// <summary>Panel-subset streams (<c>GET /summary/events?panels=a,b</c>): how many distinct subsets may be in use.</summary>
public sealed record PanelFilterOptions
{
    /// <summary>
    /// Each distinct subset in use costs one encoding per event (never one per stream) and a window of its
    /// own frames; 16 covers the dashboards a team builds (a few layouts each) while bounding that work to
    /// sixteen small encodings per event.
    /// </summary>
    public const int DefaultMaxFilters = 16;

    public static readonly WholeRange MaxFiltersRange = new(0, 1024);

    /// <summary>Distinct subsets at once; 0 turns subsets off (<c>?panels=</c> answers 400).</summary>
    public int MaxFilters { get; init; } = DefaultMaxFilters;

    public void Validate() => MaxFiltersRange.Check(SettingNames.MaxFilters, MaxFilters);

    internal static PanelFilterOptions Bind(SettingReader read)
    {
        var options = new PanelFilterOptions
        {
            MaxFilters = (int)read.Integer(SettingNames.MaxFilters, DefaultMaxFilters, MaxFiltersRange),
        };
        options.Validate();
        return options;
    }
}
