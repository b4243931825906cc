using G6.Summary.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace G6.Summary.Endpoints;

/// <summary>Maps the protocol's endpoints; anything else answers 404 and a wrong method 405 (routing does both).</summary>
public static class SummaryEndpointExtensions
{
    public const string EventsPath = "/summary/events";
    public const string ResyncPath = "/summary/resync";
    public const string HealthPath = "/summary/health";
    public const string MetricsPath = "/metrics";

    public static IEndpointRouteBuilder MapSummaryEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var options = endpoints.ServiceProvider.GetRequiredService<SummaryOptions>();
        if (options.SseHttpEnabled)
        {
            endpoints.MapGet(EventsPath, EventsEndpoint.HandleAsync);
        }

        if (options.ResyncHttpEnabled)
        {
            endpoints.MapGet(ResyncPath, ResyncEndpoint.HandleAsync);
        }

        endpoints.MapGet(HealthPath, HealthEndpoint.HandleAsync);
        endpoints.MapGet(MetricsPath, MetricsEndpoint.HandleAsync);
        return endpoints;
    }
}
