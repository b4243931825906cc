using G6.Summary.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace G6.Summary.Status;

/// <summary>Chooses the status source: the configured file, else the built-in demo collector.</summary>
public static class StatusSourceRegistration
{
    /// <summary>Seed of the demo market: fixed, so every demo run (serve and simulate) and its docs show the same story.</summary>
    public const int DemoSeed = 6;

    public static IServiceCollection AddSummaryStatusSource(this IServiceCollection services, SummaryOptions options)
    {
        services.TryAddSingleton<IStatusSource>(sp =>
        {
            var time = sp.GetRequiredService<TimeProvider>();
            return options.StatusFile is { } path
                ? new FileStatusSource(path, options.MaxStatusBytes, time, sp.GetRequiredService<ILogger<FileStatusSource>>())
                : new DemoStatusSource(new DemoCollector(DemoSeed, time, options.DemoProfile));
        });
        return services;
    }
}
