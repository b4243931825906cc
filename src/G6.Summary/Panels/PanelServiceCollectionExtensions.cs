using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace G6.Summary.Panels;

public static class PanelServiceCollectionExtensions
{
    /// <summary>
    /// Registers every built-in panel provider and the <see cref="PanelRegistry"/> as singletons.
    /// TryAdd lets a host replace the registry or add providers of its own before or after this call.
    /// </summary>
    public static IServiceCollection AddSummaryPanels(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddLogging();
        services.TryAddEnumerable(
        [
            ServiceDescriptor.Singleton<IPanelProvider, HeaderPanelProvider>(),
            ServiceDescriptor.Singleton<IPanelProvider, LoopPanelProvider>(),
            ServiceDescriptor.Singleton<IPanelProvider, IndicesPanelProvider>(),
            ServiceDescriptor.Singleton<IPanelProvider, AnalyticsPanelProvider>(),
            ServiceDescriptor.Singleton<IPanelProvider, AlertsPanelProvider>(),
            ServiceDescriptor.Singleton<IPanelProvider, ResourcesPanelProvider>(),
            ServiceDescriptor.Singleton<IPanelProvider, StoragePanelProvider>(),
            ServiceDescriptor.Singleton<IPanelProvider, HealthPanelProvider>(),
            ServiceDescriptor.Singleton<IPanelProvider, PerformancePanelProvider>(),
            ServiceDescriptor.Singleton<IPanelProvider, LinksPanelProvider>(),
        ]);
        services.TryAddSingleton<PanelRegistry>();
        return services;
    }
}
