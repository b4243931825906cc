namespace G6.Summary.Bench.Harness;

/// <summary>
/// One <see cref="LatencyHistogram"/> per thread, merged on demand: 10,000 streams record from the
/// thread pool's few threads with no lock and no shared cache line. Merge only once recording stopped.
/// </summary>
public sealed class ThreadLocalHistogram : IDisposable
{
    private readonly ThreadLocal<LatencyHistogram> _perThread = new(() => new LatencyHistogram(), trackAllValues: true);

    public LatencyHistogram Current => _perThread.Value!;

    public LatencyHistogram Merge()
    {
        var merged = new LatencyHistogram();
        foreach (var histogram in _perThread.Values)
        {
            merged.Merge(histogram);
        }

        return merged;
    }

    public void Dispose() => _perThread.Dispose();
}
