using G6.Summary.Configuration;
using G6.Summary.Publishing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace G6.Summary.Backplane;

/// <summary>Chooses the event log at registration (<c>G6_BACKPLANE</c>): in this process, or shared on Redis.</summary>
public static class BackplaneRegistration
{
    // The in-memory ring holds a full queue's worth of events plus room for events published while a stream copies.
    private const int LogSlack = 64;

    /// <summary>
    /// Registers <see cref="IEventLog"/> and <see cref="IBackplaneStatus"/>. Call before the summary loop's
    /// hosted service: hosts start services in order, and the shared log must have joined before the first cycle.
    /// </summary>
    public static IServiceCollection AddSummaryEventLog(this IServiceCollection services, SummaryOptions options)
    {
        if (options.Backplane.Kind == BackplaneKind.Redis)
        {
            services.TryAddSingleton<RedisEventLog>();
            services.TryAddSingleton<IEventLog>(sp => sp.GetRequiredService<RedisEventLog>());
            services.TryAddSingleton<IBackplaneStatus>(sp => sp.GetRequiredService<RedisEventLog>());
            services.AddHostedService(sp => sp.GetRequiredService<RedisEventLog>());
            return services;
        }

        services.TryAddSingleton<IEventLog>(_ => new InMemoryEventLog(options.Streaming.QueueMax + LogSlack));
        services.TryAddSingleton<IBackplaneStatus>(new LocalBackplaneStatus(options.Backplane.NodeId));
        return services;
    }
}
