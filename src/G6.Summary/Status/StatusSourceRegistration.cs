using G6.Summary.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace G6.Summary.Status;

/// <summary>Chooses the status source (<c>G6_SUMMARY_SOURCE</c>): the configured file, the built-in demo collector, pushes, or none.</summary>
public static class StatusSourceRegistration
{
    /// <summary>Seed of the demo market: fixed, so every demo run (serve and simulate) and its docs show the same story.</summary>
    public const int DemoSeed = 6;

    public static IServiceCollection AddSummaryStatusSource(this IServiceCollection services, SummaryOptions options)
    {
        var status = options.Status;
        switch (status.EffectiveSource)
        {
            case StatusSourceKind.File:
                services.TryAddSingleton<IStatusSource>(sp => new FileStatusSource(
                    status.File!, status.MaxBytes, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<FileStatusSource>>()));
                break;
            case StatusSourceKind.Demo:
                services.TryAddSingleton<IStatusSource>(sp => new DemoStatusSource(
                    new DemoCollector(DemoSeed, sp.GetRequiredService<TimeProvider>(), status.DemoProfile)));
                break;
            case StatusSourceKind.Push:
                services.TryAddSingleton<IStatusSource, PushStatusSource>();
                break;
            case StatusSourceKind.None:
                // No source, and no summary cycle to read one (see SummaryServer.AddSummaryCore).
                break;
        }

        return services;
    }
}
