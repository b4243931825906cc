using G6.Summary.Configuration;
using G6.Summary.Protocol;
using G6.Summary.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace G6.Summary.Endpoints;

/// <summary>Maps the protocol's endpoints; anything else answers 404 and a wrong method 405 (routing does both).</summary>
public static class SummaryEndpointExtensions
{
    public const string EventsPath = EndpointPaths.Events;
    public const string ResyncPath = EndpointPaths.Resync;
    public const string HealthPath = EndpointPaths.Health;
    public const string MetricsPath = EndpointPaths.Metrics;
    public const string SessionPath = EndpointPaths.Session;
    public const string StatusPath = EndpointPaths.Status;

    public static IEndpointRouteBuilder MapSummaryEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var options = endpoints.ServiceProvider.GetRequiredService<SummaryOptions>();
        var cors = options.Security.AllowedOrigins.Count > 0;
        if (options.Streaming.Enabled)
        {
            var events = endpoints.MapGet(EventsPath, EventsEndpoint.HandleAsync);
            if (cors)
            {
                events.RequireCors(SecuritySetup.CorsPolicy);
            }
        }

        if (options.Streaming.ResyncEnabled)
        {
            var resync = endpoints.MapGet(ResyncPath, ResyncEndpoint.HandleAsync);
            if (cors)
            {
                resync.RequireCors(SecuritySetup.CorsPolicy);
            }
        }

        endpoints.MapPost(SessionPath, SessionEndpoint.SignInAsync);
        endpoints.MapGet(SessionPath, SessionEndpoint.StatusAsync);
        endpoints.MapDelete(SessionPath, SessionEndpoint.SignOutAsync);
        if (options.Publish.Enabled)
        {
            // Collectors are servers, not browsers: no CORS here.
            endpoints.MapPost(StatusPath, StatusPushEndpoint.HandleAsync);
        }

        endpoints.MapGet(HealthPath, HealthEndpoint.HandleAsync);
        endpoints.MapGet(MetricsPath, MetricsEndpoint.HandleAsync);
        return endpoints;
    }
}
