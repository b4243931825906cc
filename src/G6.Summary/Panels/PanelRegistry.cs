using System.Collections.Immutable;
using G6.Summary.Snapshot;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace G6.Summary.Panels;

/// <summary>
/// Runs every panel provider over a snapshot, in display order, and cleans what they produce.
/// One provider failing costs only its own panel: it is shown as an error panel and the cycle goes on.
/// </summary>
public sealed partial class PanelRegistry
{
    /// <summary>The only line of a panel whose provider failed. No exception text reaches clients.</summary>
    public const string FailedLine = "panel unavailable: build failed";

    private readonly IPanelProvider[] _providers;
    private readonly string[] _titles;
    private readonly int[] _failing;
    private readonly ILogger<PanelRegistry> _logger;

    /// <exception cref="ArgumentException">A provider key is not <c>[a-z_]+</c> or is used twice.</exception>
    public PanelRegistry(IEnumerable<IPanelProvider> providers, ILogger<PanelRegistry> logger)
    {
        ArgumentNullException.ThrowIfNull(providers);
        ArgumentNullException.ThrowIfNull(logger);

        // Display order is fixed by key, not by registration order, so adding a provider elsewhere cannot
        // reshuffle the dashboard. OrderBy is stable: unknown keys keep their registration order, last.
        _providers = [.. providers.OrderBy(p => DisplayRank(p.Key))];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var provider in _providers)
        {
            if (!PanelKeys.IsValid(provider.Key))
            {
                throw new ArgumentException($"Panel key '{provider.Key}' must match [a-z_]+.", nameof(providers));
            }

            if (!seen.Add(provider.Key))
            {
                throw new ArgumentException($"Panel key '{provider.Key}' is registered twice.", nameof(providers));
            }
        }

        _titles = [.. _providers.Select(p => DefaultTitle(p.Key))];
        _failing = new int[_providers.Length];
        _logger = logger;
        Keys = [.. _providers.Select(p => p.Key)];
    }

    /// <summary>Panel keys in display order.</summary>
    public ImmutableArray<string> Keys { get; }

    /// <summary>A registry with every built-in panel, for use without dependency injection.</summary>
    public static PanelRegistry CreateDefault(ILogger<PanelRegistry>? logger = null) =>
        new(CreateDefaultProviders(), logger ?? NullLogger<PanelRegistry>.Instance);

    /// <summary>One instance of every built-in provider, in display order.</summary>
    public static IReadOnlyList<IPanelProvider> CreateDefaultProviders() =>
    [
        new HeaderPanelProvider(),
        new LoopPanelProvider(),
        new IndicesPanelProvider(),
        new AnalyticsPanelProvider(),
        new AlertsPanelProvider(),
        new ResourcesPanelProvider(),
        new StoragePanelProvider(),
        new HealthPanelProvider(),
        new PerformancePanelProvider(),
        new LinksPanelProvider(),
    ];

    /// <summary>Builds every panel. Never throws for a provider's failure.</summary>
    public PanelBuildResult BuildAll(StatusSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);

        var panels = new PanelContent[_providers.Length];
        List<string>? failed = null;
        for (var i = 0; i < _providers.Length; i++)
        {
            var provider = _providers[i];
            PanelContent? content = null;
            string? failure = null;
            try
            {
                content = provider.Build(snapshot);
                failure = content is null ? "NullContent" : null;
            }
            catch (Exception ex)
            {
                // The type names the bug for operators; the message may quote status text, so it stays out.
                failure = ex.GetType().Name;
            }

            if (failure is null)
            {
                panels[i] = Clean(provider.Key, content!);
                _titles[i] = panels[i].Title;
                if (Interlocked.Exchange(ref _failing[i], 0) == 1)
                {
                    LogPanelRecovered(provider.Key);
                }

                continue;
            }

            // The last good title is kept so the panel stays recognisable while it is down.
            panels[i] = new PanelContent(provider.Key, _titles[i], [FailedLine]);
            (failed ??= []).Add(provider.Key);
            if (Interlocked.Exchange(ref _failing[i], 1) == 0)
            {
                LogPanelFailed(provider.Key, failure);
            }
        }

        return new PanelBuildResult(panels, failed is null ? [] : failed.ToArray());
    }

    private static PanelContent Clean(string key, PanelContent content)
    {
        var title = PanelText.Clean(content.Title, PanelText.MaxTitleChars);
        return new PanelContent(key, title.Length == 0 ? DefaultTitle(key) : title, PanelText.CleanLines(content.Lines));
    }

    private static int DisplayRank(string key)
    {
        var rank = PanelKeys.DisplayOrder.IndexOf(key);
        return rank < 0 ? int.MaxValue : rank;
    }

    private static string DefaultTitle(string key) => key switch
    {
        PanelKeys.Header => HeaderPanelProvider.Title,
        PanelKeys.Loop => LoopPanelProvider.Title,
        PanelKeys.Indices => IndicesPanelProvider.Title,
        PanelKeys.Analytics => AnalyticsPanelProvider.Title,
        PanelKeys.Alerts => AlertsPanelProvider.Title,
        PanelKeys.Resources => ResourcesPanelProvider.Title,
        PanelKeys.Storage => StoragePanelProvider.Title,
        PanelKeys.Health => HealthPanelProvider.Title,
        PanelKeys.Performance => PerformancePanelProvider.Title,
        PanelKeys.Links => LinksPanelProvider.Title,
        _ => string.IsNullOrEmpty(key) ? "Panel" : char.ToUpperInvariant(key[0]) + key[1..].Replace('_', ' '),
    };
}
