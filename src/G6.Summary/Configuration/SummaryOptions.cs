namespace G6.Summary.Configuration;

/// <summary>
/// Every setting of the service, one record per feature. Each feature's record binds its own <c>G6_</c>
/// variables and validates them (<c>Bind</c>, <c>Validate</c>); <see cref="SummaryOptionsLoader"/> composes them
/// from configuration, and <c>SummaryServer.Build</c> validates again, so options built in code (tests,
/// embedding) cannot start the service with a value the loader would refuse.
/// </summary>
public sealed record SummaryOptions
{
    public StatusOptions Status { get; init; } = new();

    public StreamingOptions Streaming { get; init; } = new();

    public SecurityOptions Security { get; init; } = new();

    public MetricsOptions Metrics { get; init; } = new();

    public TransportOptions Transport { get; init; } = new();

    public LoggingOptions Logging { get; init; } = new();

    public DashboardOptions Dashboard { get; init; } = new();

    /// <summary>Panel-subset streams (<see cref="PanelFilterOptions"/>).</summary>
    public PanelFilterOptions Filters { get; init; } = new();

    /// <summary>Status push: publisher tokens, size and rate (<see cref="PublishOptions"/>).</summary>
    public PublishOptions Publish { get; init; } = new();

    /// <summary>HTTPS with the service's own certificate (<c>G6_SSE_TLS_CERT</c>, <c>G6_SSE_TLS_KEY</c>, ...); off by default.</summary>
    public TlsOptions Tls { get; init; } = new();

    /// <summary>The token files, followed for changes (<c>G6_SSE_API_TOKEN_FILE</c>, <c>G6_METRICS_TOKEN_FILE</c>).</summary>
    public CredentialOptions Credentials { get; init; } = new();

    /// <summary>Where the event log lives: this process (default) or a Redis shared by several nodes.</summary>
    public BackplaneOptions Backplane { get; init; } = new();

    /// <summary>Deprecation warnings found while loading, printed once at start-up.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Throws <see cref="InvalidSettingException"/> for the first value that cannot be used.</summary>
    public void Validate()
    {
        Status.Validate();
        Streaming.Validate();
        Security.Validate();
        Metrics.Validate();
        Transport.Validate();
        Logging.Validate();
        Filters.Validate();
        Publish.Validate();
        Publish.ValidateWith(Status, Security);
        Tls.Validate();
        Backplane.Validate();
    }
}
