using System.Net;
using G6.Summary.Browser;
using G6.Summary.Configuration;
using G6.Summary.Endpoints;
using G6.Summary.Metrics;
using G6.Summary.Panels;
using G6.Summary.Publishing;
using G6.Summary.Security;
using G6.Summary.Status;
using G6.Summary.Streaming;
using G6.Summary.Transport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace G6.Summary.Hosting;

/// <summary>The composition root of the service: what <c>g6-summary serve</c> and the tests start.</summary>
public static class SummaryServer
{
    /// <summary>
    /// Builds the web application. <paramref name="configureServices"/> runs before the defaults
    /// are added (they use TryAdd), so tests can put in their own status source or clock.
    /// </summary>
    public static WebApplication Build(SummaryOptions options, Action<IServiceCollection>? configureServices = null, Action<ILoggingBuilder>? configureLogging = null)
    {
        // The loader validated already; options built in code (tests, embedding) get the same rules here.
        options.Validate();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = "g6-summary",
            Args = [],
        });

        builder.Logging.ClearProviders();
        if (configureLogging is null)
        {
            builder.Logging.AddOperatorConsole(options.Logging.Format);
        }
        else
        {
            configureLogging(builder.Logging);
        }

        builder.Logging.SetMinimumLevel(options.Logging.Level);

        // Framework chatter stays out of the operators' log unless something is wrong.
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);

        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            ApplyLimits(kestrel.Limits, options);
            Listen(kestrel, options);
        });
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = options.Streaming.ShutdownGrace);

        configureServices?.Invoke(builder.Services);
        builder.Services.AddSummaryCore(options);
        builder.Services.AddSummarySecurity(options);
        builder.Services.AddSummaryDashboard(options);
        if (options.Transport.DirectStreams && options.Streaming.Enabled && KestrelConnectionOptions.IsSupported)
        {
            // Kestrel prefers the transport registered last: ours, which hands it every connection
            // that is not a plain events stream.
            builder.Services.TryAddSingleton<DirectStreamEndpoint>();
            builder.Services.AddSingleton<IConnectionListenerFactory, DirectStreamListenerFactory>();
        }

        var app = builder.Build();
        app.UseMiddleware<ErrorBoundaryMiddleware>();
        app.UseSummarySecurity(options);
        app.MapSummaryEndpoints();
        app.MapSummaryDashboard();
        return app;
    }

    /// <summary>Registers the data flow: status source, panels, publisher, hub, loop, health, metrics.</summary>
    public static IServiceCollection AddSummaryCore(this IServiceCollection services, SummaryOptions options)
    {
        services.TryAddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSummaryStatusSource(options);
        services.AddSummaryPanels();
        services.TryAddSingleton<IEventLog>(_ => new InMemoryEventLog(options.Streaming.QueueMax + LogSlack));
        services.TryAddSingleton<EventEncoder>();
        services.TryAddSingleton<SummaryPublisher>();
        services.TryAddSingleton(_ => new PrometheusSummaryMetrics(Prometheus.Metrics.NewCustomRegistry()));
        services.TryAddSingleton<ISummaryMetrics>(sp => sp.GetRequiredService<PrometheusSummaryMetrics>());
        services.TryAddSingleton<StreamHub>();
        services.TryAddSingleton<IStreamCapacity>(sp => sp.GetRequiredService<StreamHub>());
        services.TryAddSingleton<StreamSendBuffer>();
        services.TryAddSingleton<ServiceHealth>();
        services.AddHostedService(sp => sp.GetRequiredService<StreamShutdownService>());
        services.TryAddSingleton<StreamShutdownService>();
        if (options.Status.EffectiveSource != StatusSourceKind.None)
        {
            // A node without a status source runs no cycle: it publishes nothing, not even heartbeats,
            // and serves what its event log holds.
            services.TryAddSingleton<SummaryLoop>();
            services.AddHostedService(sp => sp.GetRequiredService<SummaryLoop>());
        }

        services.TryAddSingleton(_ => new PublishTokenVerifier(options.Publish.Tokens, options.Security.ApiTokens));
        services.TryAddSingleton(_ => new PublishRateLimiter(options.Publish));
        services.TryAddSingleton<PushIdempotencyCache>();
        services.TryAddSingleton<StatusPushReceiver>();
        return services;
    }

    /// <summary>The addresses Kestrel is listening on (after start), e.g. http://127.0.0.1:9320.</summary>
    public static IReadOnlyList<string> ListeningAddresses(this WebApplication app) =>
        [.. app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? []];

    // The ring holds a full queue's worth of events plus room for events published while a stream copies.
    private const int LogSlack = 64;

    /// <summary>
    /// Request limits: every endpoint but two is a small GET, so anything large is hostile or broken and is
    /// refused by Kestrel before our code runs (431 for headers, 414 for the request line). No request may
    /// carry a body (limit 0) except a sign-in and a status push, which raise the limit for themselves
    /// (to 1 KiB and to <c>G6_PUBLISH_MAX_BYTES</c>) once they have checked the caller.
    /// </summary>
    private static void ApplyLimits(Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerLimits limits, SummaryOptions options)
    {
        limits.MaxRequestHeaderCount = 64;
        limits.MaxRequestHeadersTotalSize = 16 * 1024;
        limits.MaxRequestLineSize = 8 * 1024;
        limits.MaxRequestBodySize = 0;
        limits.RequestHeadersTimeout = options.Transport.HeadersTimeout;
        limits.KeepAliveTimeout = TimeSpan.FromSeconds(30);

        // Streams are capped by admission (429 with Retry-After); this bounds raw sockets (floods of
        // connections that never send a request) while leaving room for health, metrics and refusals.
        limits.MaxConcurrentConnections = options.Security.MaxConnections + 1024;
    }

    private static void Listen(Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions kestrel, SummaryOptions options)
    {
        if (IPAddress.TryParse(options.Transport.Host, out var address))
        {
            kestrel.Listen(address, options.Transport.Port);
        }
        else if (string.Equals(options.Transport.Host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            kestrel.ListenLocalhost(options.Transport.Port);
        }
        else
        {
            kestrel.ListenAnyIP(options.Transport.Port);
        }
    }
}
