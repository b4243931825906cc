using G6.Summary.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace G6.Summary.Browser;

/// <summary>Registers and maps the browser dashboard; with <c>G6_DASHBOARD=0</c> neither happens and its paths answer 404.</summary>
public static class DashboardSetup
{
    public static IServiceCollection AddSummaryDashboard(this IServiceCollection services, SummaryOptions options)
    {
        if (options.Dashboard.Enabled)
        {
            services.TryAddSingleton<DashboardAssets>();
        }

        return services;
    }

    public static IEndpointRouteBuilder MapSummaryDashboard(this IEndpointRouteBuilder endpoints)
    {
        if (endpoints.ServiceProvider.GetRequiredService<SummaryOptions>().Dashboard.Enabled)
        {
            string[] methods = ["GET", "HEAD"];
            endpoints.MapMethods("/", methods, DashboardEndpoint.IndexAsync);
            endpoints.MapMethods(DashboardAssets.Prefix + "{**file}", methods, DashboardEndpoint.FileAsync);
        }

        return endpoints;
    }
}
