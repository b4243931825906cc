using System.Collections.Immutable;
using G6.Summary.Configuration;
using G6.Summary.Publishing;
using Microsoft.Extensions.Primitives;

namespace G6.Summary.Streaming;

/// <summary>
/// The distinct panel subsets in use, at most <c>G6_SSE_MAX_FILTERS</c>. Streams asking for the same
/// keys share one <see cref="PanelFilter"/> (so each event is encoded once per subset, never per stream).
/// A subset nobody uses any more is kept (it keeps recording, so a client reconnecting with
/// <c>Last-Event-ID</c> resumes) until room is needed for a new one; when every subset is in use a new
/// one is refused (503, the client may retry or ask for all panels).
/// </summary>
public sealed class PanelFilters(SummaryOptions options, EventEncoder encoder, TimeProvider timeProvider)
{
    /// <summary>Ten panels today; this bounds the work a hostile query string can cause.</summary>
    public const int MaxRequestedKeys = 64;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, PanelFilter> _filters = new(StringComparer.Ordinal);
    private PanelFilter[] _all = [];

    /// <summary>Every subset held (in use or kept for resume), for the fan-out to prepare each event once.</summary>
    public IReadOnlyList<PanelFilter> All => Volatile.Read(ref _all);

    /// <summary>
    /// The keys a <c>panels</c> query asks for: null keys for every panel (no query, or every known key);
    /// an error line naming unknown keys. <paramref name="known"/> are the panel keys the service has.
    /// </summary>
    public static (ImmutableArray<string>? Keys, string? Error) Parse(StringValues values, IReadOnlySet<string> known)
    {
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        var unknown = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            foreach (var key in (value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (keys.Count + unknown.Count >= MaxRequestedKeys)
                {
                    return (null, $"at most {MaxRequestedKeys} panel keys");
                }

                (known.Contains(key) ? keys : unknown).Add(key);
            }
        }

        if (unknown.Count > 0)
        {
            // Echo only what looks like a key, so the answer never carries a hostile value back.
            var named = unknown.Where(k => k.Length <= 32 && Panels.PanelKeys.IsValid(k)).Take(8).ToArray();
            return (null, named.Length == unknown.Count
                ? $"unknown panel keys: {string.Join(", ", named)}"
                : "unknown panel keys");
        }

        return keys.Count == 0 || known.All(keys.Contains) ? (null, null) : ([.. keys], null);
    }

    /// <summary>The shared filter for <paramref name="keys"/>, counted as used until <see cref="Release"/>; null when all are in use.</summary>
    public PanelFilter? TryAcquire(ImmutableArray<string> keys)
    {
        var id = string.Join(',', keys);
        lock (_lock)
        {
            if (!_filters.TryGetValue(id, out var filter))
            {
                if (_filters.Count >= options.Filters.MaxFilters && !EvictUnused())
                {
                    return null;
                }

                filter = new PanelFilter(keys, encoder, options.Streaming.QueueMax + 1);
                _filters.Add(id, filter);
                Volatile.Write(ref _all, [.. _filters.Values]);
            }

            filter.Users++;
            filter.LastUsed = timeProvider.GetTimestamp();
            return filter;
        }
    }

    public void Release(PanelFilter filter)
    {
        lock (_lock)
        {
            filter.Users--;
            filter.LastUsed = timeProvider.GetTimestamp();
        }
    }

    /// <summary>Encodes the newest event for every subset once, before the fan-out hands it to their streams.</summary>
    public void Prepare(IEventLog log)
    {
        var filters = All;
        if (filters.Count == 0)
        {
            return;
        }

        var current = log.Current;
        if (log.TryGet(current.Seq, out var evt))
        {
            foreach (var filter in filters)
            {
                filter.FrameFor(evt, current);
            }
        }
    }

    // Under the lock: drops the subset unused for longest; false when every one is in use.
    private bool EvictUnused()
    {
        var oldest = _filters.Values.Where(f => f.Users == 0).OrderBy(f => f.LastUsed).FirstOrDefault();
        if (oldest is null)
        {
            return false;
        }

        _filters.Remove(oldest.Id);
        return true;
    }
}
