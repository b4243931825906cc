using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using G6.Summary.Backplane;
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
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
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
            Listen(kestrel, options, options.Tls.Enabled ? kestrel.ApplicationServices.GetRequiredService<ServerCertificate>() : null);
        });
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = options.Streaming.ShutdownGrace);

        configureServices?.Invoke(builder.Services);
        builder.Services.AddSummaryCore(options);
        builder.Services.AddSummarySecurity(options);
        builder.Services.AddSummaryDashboard(options);
        if (options.Tls.Enabled)
        {
            builder.Services.TryAddSingleton(sp => new ServerCertificate(options.Tls, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<ServerCertificate>>()));
        }

        var (directOff, loud) = DirectStreamsState.OffReasonFor(options);
        builder.Services.TryAddSingleton(sp => new DirectStreamsState(directOff, loud, sp.GetRequiredService<ILogger<DirectStreamsState>>()));
        if (directOff is null)
        {
            // Kestrel prefers the transport registered last: ours, which hands it every connection
            // that is not a plain events stream.
            builder.Services.TryAddSingleton<DirectStreamEndpoint>();
            builder.Services.AddSingleton<IConnectionListenerFactory, DirectStreamListenerFactory>();
        }

        var app = builder.Build();

        // Made now, so a direct path that is off says so in the log at start, not at the first health check.
        app.Services.GetRequiredService<DirectStreamsState>();
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
        services.AddSummaryEventLog(options);
        services.TryAddSingleton<EventEncoder>();
        services.TryAddSingleton<SummaryPublisher>();
        services.TryAddSingleton(_ => new PrometheusSummaryMetrics(Prometheus.Metrics.NewCustomRegistry()));
        services.TryAddSingleton<ISummaryMetrics>(sp => sp.GetRequiredService<PrometheusSummaryMetrics>());
        services.TryAddSingleton<Compression.FrameCompressor>();
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

        services.TryAddSingleton(sp => new PublishTokenVerifier(
            SecuritySetup.TokenSet(sp, options, SettingNames.PublishTokenFile, options.Credentials.PublishTokenFile, options.Publish.Tokens), sp.GetRequiredService<ApiTokenVerifier>()));
        services.TryAddSingleton(_ => new PublishRateLimiter(options.Publish));
        services.TryAddSingleton<PushIdempotencyCache>();
        services.TryAddSingleton<StatusPushReceiver>();
        return services;
    }

    /// <summary>The addresses Kestrel is listening on (after start), e.g. http://127.0.0.1:9320.</summary>
    public static IReadOnlyList<string> ListeningAddresses(this WebApplication app) =>
        [.. app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? []];

    /// <summary>
    /// Request limits (<see cref="RequestLimits"/>). No request may carry a body (limit 0) except a sign-in and a
    /// status push, which raise the limit for themselves (to 1 KiB and to <c>G6_PUBLISH_MAX_BYTES</c>) once they
    /// have checked the caller.
    /// </summary>
    private static void ApplyLimits(KestrelServerLimits limits, SummaryOptions options)
    {
        limits.MaxRequestHeaderCount = RequestLimits.MaxHeaderCount;
        limits.MaxRequestHeadersTotalSize = RequestLimits.MaxHeadersTotalBytes;
        limits.MaxRequestLineSize = RequestLimits.MaxRequestLineBytes;
        limits.MaxRequestBodySize = 0;
        limits.RequestHeadersTimeout = options.Transport.HeadersTimeout;
        limits.KeepAliveTimeout = TimeSpan.FromSeconds(30);

        limits.MaxConcurrentConnections = RequestLimits.MaxConnections(options.Security);
    }

    private static void Listen(KestrelServerOptions kestrel, SummaryOptions options, ServerCertificate? certificate)
    {
        void Configure(ListenOptions listen)
        {
            if (certificate is null)
            {
                return;
            }

            // HTTP/2 is chosen by ALPN: browsers then multiplex every tab's stream over one connection instead of
            // hitting HTTP/1.1's six connections per origin. A callback (not a fixed certificate) so that a renewed
            // certificate is used by the next new connection (ServerCertificate); open ones keep theirs.
            listen.Protocols = HttpProtocols.Http1AndHttp2;
            listen.UseHttps(new TlsHandshakeCallbackOptions
            {
                OnConnection = _ => ValueTask.FromResult(new SslServerAuthenticationOptions
                {
                    ServerCertificateContext = certificate.Current,
                    ApplicationProtocols = [SslApplicationProtocol.Http2, SslApplicationProtocol.Http11],
                    CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                }),
            });
        }

        var port = options.Transport.Port;
        if (IPAddress.TryParse(options.Transport.Host, out var address))
        {
            kestrel.Listen(address, port, Configure);
        }
        else if (string.Equals(options.Transport.Host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            kestrel.ListenLocalhost(port, Configure);
        }
        else
        {
            kestrel.ListenAnyIP(port, Configure);
        }
    }
}
