namespace G6.Summary.Configuration;

/// <summary>The Prometheus endpoint's own credentials, separate from the readers'.</summary>
public sealed record MetricsOptions
{
    /// <summary>Tokens accepted on <c>/metrics</c> (<c>G6_METRICS_TOKEN</c> or its <c>_FILE</c> form); empty means open.</summary>
    public IReadOnlyList<string> Tokens { get; init; } = [];

    public void Validate() => SettingReader.CheckTokens(SettingNames.MetricsToken, Tokens);

    internal static MetricsOptions Bind(SettingReader read)
    {
        var options = new MetricsOptions { Tokens = read.Tokens(SettingNames.MetricsToken, SettingNames.MetricsTokenFile) };
        options.Validate();
        return options;
    }
}
