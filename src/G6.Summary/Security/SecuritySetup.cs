using G6.Summary.Configuration;
using G6.Summary.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace G6.Summary.Security;

/// <summary>Registers admission control and the request guards, and puts the middleware in order.</summary>
public static class SecuritySetup
{
    public const string CorsPolicy = "g6-summary";

    public static IServiceCollection AddSummarySecurity(this IServiceCollection services, SummaryOptions options)
    {
        // Each token setting is one ReloadingTokenSet, followed for changes when it comes from a file.
        services.TryAddSingleton(sp => new ApiTokenVerifier(TokenSet(sp, options, SettingNames.ApiTokenFile, options.Credentials.ApiTokenFile, options.Security.ApiTokens)));
        services.TryAddSingleton(sp => new SessionCookies(sp.GetRequiredService<ApiTokenVerifier>().Tokens, options.Security.SessionTtl, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new MetricsTokenVerifier(TokenSet(sp, options, SettingNames.MetricsTokenFile, options.Credentials.MetricsTokenFile, options.Metrics.Tokens)));
        services.AddHostedService<CredentialRevocation>();
        services.TryAddSingleton(sp => new ConnectionRateLimiter(options.Security.IpConnectRate, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<SecurityAudit>();
        services.TryAddSingleton<AdmissionController>();

        if (options.Security.TrustedProxies.Count > 0)
        {
            services.Configure<ForwardedHeadersOptions>(forwarded =>
            {
                // The scheme too: a session cookie is marked Secure when the browser's side of the proxy is HTTPS.
                forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;

                // Walk X-Forwarded-For from the right through trusted proxies only; the first untrusted
                // address is the client. Nothing else is trusted, including the defaults (loopback).
                forwarded.ForwardLimit = null;
                forwarded.KnownIPNetworks.Clear();
                forwarded.KnownProxies.Clear();
                foreach (var network in options.Security.TrustedProxies)
                {
                    forwarded.KnownIPNetworks.Add(network);
                }
            });
        }

        if (options.Security.AllowedOrigins.Count > 0)
        {
            services.AddCors(cors => cors.AddPolicy(CorsPolicy, policy =>
            {
                if (options.Security.AllowedOrigins.Contains("*"))
                {
                    policy.AllowAnyOrigin();
                }
                else
                {
                    policy.WithOrigins([.. options.Security.AllowedOrigins]);
                }

                policy.WithMethods("GET")
                    .WithHeaders(HeaderNames.ApiToken, HeaderNames.LastEventId, HeaderNames.RequestId, "Cache-Control")
                    .WithExposedHeaders(RequestId.Header, "Retry-After")
                    .SetPreflightMaxAge(TimeSpan.FromMinutes(10));
            }));
        }

        return services;
    }

    internal static ReloadingTokenSet TokenSet(IServiceProvider services, SummaryOptions options, string setting, string? file, IReadOnlyList<string> tokens) => new(
        setting,
        file,
        tokens,
        services.GetRequiredService<TimeProvider>(),
        services.GetRequiredService<ILoggerFactory>().CreateLogger<ReloadingTokenSet>(),
        options.Credentials.CheckInterval,
        options.Credentials.Watch);

    public static IApplicationBuilder UseSummarySecurity(this IApplicationBuilder app, SummaryOptions options)
    {
        if (options.Security.TrustedProxies.Count > 0)
        {
            app.UseForwardedHeaders();
        }

        app.UseMiddleware<RequestGuardMiddleware>();
        if (options.Security.AllowedOrigins.Count > 0)
        {
            app.UseCors();
        }

        return app;
    }
}
