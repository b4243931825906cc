using Microsoft.Extensions.Configuration;

namespace G6.Summary.Configuration;

/// <summary>
/// Binds <see cref="SummaryOptions"/> from configuration keyed by the <c>G6_</c> names (environment,
/// an appsettings file and command-line flags layered by the caller, flags last so they win). Each
/// feature's record binds and validates its own settings; the first bad value throws
/// <see cref="InvalidSettingException"/>.
/// </summary>
public static class SummaryOptionsLoader
{
    public static SummaryOptions Load(IConfiguration configuration)
    {
        var read = new SettingReader(configuration);
        var options = new SummaryOptions
        {
            Status = StatusOptions.Bind(read),
            Streaming = StreamingOptions.Bind(read),
            Security = SecurityOptions.Bind(read),
            Metrics = MetricsOptions.Bind(read),
            Transport = TransportOptions.Bind(read),
            Logging = LoggingOptions.Bind(read),
            Dashboard = DashboardOptions.Bind(read),
            Filters = PanelFilterOptions.Bind(read),
            Publish = PublishOptions.Bind(read),
            Tls = TlsOptions.Bind(read),
            Credentials = CredentialOptions.Bind(read),
            Backplane = BackplaneOptions.Bind(read),
            Warnings = DeprecatedSettings.WarningsFor(read.Lookup),
        };
        options.Validate();
        return options;
    }
}
