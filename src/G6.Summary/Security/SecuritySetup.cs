using G6.Summary.Configuration;
using G6.Summary.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace G6.Summary.Security;

/// <summary>Registers admission control and the request guards, and puts the middleware in order.</summary>
public static class SecuritySetup
{
    public const string CorsPolicy = "g6-summary";

    public static IServiceCollection AddSummarySecurity(this IServiceCollection services, SummaryOptions options)
    {
        services.TryAddSingleton(_ => new ApiTokenVerifier(options.ApiTokens));
        services.TryAddSingleton(_ => new MetricsTokenVerifier(options.MetricsTokens));
        services.TryAddSingleton(sp => new ConnectionRateLimiter(options.IpConnectRate, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<SecurityAudit>();
        services.TryAddSingleton<AdmissionController>();

        if (options.TrustedProxies.Count > 0)
        {
            services.Configure<ForwardedHeadersOptions>(forwarded =>
            {
                forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor;

                // Walk X-Forwarded-For from the right through trusted proxies only; the first untrusted
                // address is the client. Nothing else is trusted, including the defaults (loopback).
                forwarded.ForwardLimit = null;
                forwarded.KnownIPNetworks.Clear();
                forwarded.KnownProxies.Clear();
                foreach (var network in options.TrustedProxies)
                {
                    forwarded.KnownIPNetworks.Add(network);
                }
            });
        }

        if (options.AllowedOrigins.Count > 0)
        {
            services.AddCors(cors => cors.AddPolicy(CorsPolicy, policy =>
            {
                if (options.AllowedOrigins.Contains("*"))
                {
                    policy.AllowAnyOrigin();
                }
                else
                {
                    policy.WithOrigins([.. options.AllowedOrigins]);
                }

                policy.WithMethods("GET")
                    .WithHeaders(HeaderNames.ApiToken, HeaderNames.LastEventId, HeaderNames.RequestId, "Cache-Control")
                    .WithExposedHeaders(RequestId.Header, "Retry-After")
                    .SetPreflightMaxAge(TimeSpan.FromMinutes(10));
            }));
        }

        return services;
    }

    public static IApplicationBuilder UseSummarySecurity(this IApplicationBuilder app, SummaryOptions options)
    {
        if (options.TrustedProxies.Count > 0)
        {
            app.UseForwardedHeaders();
        }

        app.UseMiddleware<RequestGuardMiddleware>();
        if (options.AllowedOrigins.Count > 0)
        {
            app.UseCors();
        }

        return app;
    }
}
