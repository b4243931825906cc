namespace G6.Summary.Bench.Harness;

/// <summary>A standard scenario: flow steps at each stream count, then an idle-memory step at the largest.</summary>
/// <param name="Rate">Events per second the busy demo source publishes (refresh = 1 / rate).</param>
/// <param name="Duration">Measurement window of each flow step.</param>
/// <param name="IdleBaseline">Server CPU with no streams, measured before each flow step.</param>
/// <param name="ServerSettings">Extra G6_ settings for the server (e.g. to try a tuning).</param>
/// <param name="Reader">How the harness reads streams; null for its default.</param>
/// <param name="Encodings">
/// What the streams ask for, one step each per stream count, side by side: <c>identity</c> (no
/// <c>Accept-Encoding</c>) and/or <c>gzip</c>. Empty means identity alone.
/// </param>
/// <param name="IdleStreams">Stream counts for the idle-memory step (one per count and encoding); empty: the largest flow count.</param>
/// <param name="Query">A query every stream's URL carries (e.g. <c>panels=indices,alerts</c> for a panel subset); null for none.</param>
public sealed record ScenarioOptions(
    IReadOnlyList<int> Streams,
    double Rate,
    TimeSpan Duration,
    TimeSpan IdleBaseline,
    bool IdleMemoryStep,
    IReadOnlyDictionary<string, string> ServerSettings,
    BenchReader? Reader = null,
    IReadOnlyList<string>? Encodings = null,
    IReadOnlyList<int>? IdleStreams = null,
    string? Query = null)
{
    public const string Identity = "identity";
    public const string Gzip = "gzip";

    /// <summary>The encodings to run, identity first.</summary>
    public IReadOnlyList<string> EncodingsInUse => Encodings is { Count: > 0 } e ? [.. e.Distinct().OrderBy(x => x == Identity ? 0 : 1)] : [Identity];

    public static readonly IReadOnlyList<int> StandardStreams = [1, 10, 100, 1000, 10000];

    /// <summary>Connects per second during a ramp: well inside Kestrel's accept backlog (512) each second.</summary>
    public const int ConnectsPerSecond = 500;

    /// <summary>After the ramp, before measuring: JIT, thread pool growth and the first GCs settle.</summary>
    public static readonly TimeSpan Warmup = TimeSpan.FromSeconds(5);

    /// <summary>
    /// After the banner, before anything is measured: the server's start-up work settles. Measured: 3 s was
    /// not enough (idle CPU 11-14 % of a core just after start, from JIT tiering, against 2 % a few
    /// seconds later), so the idle baseline would have been inflated.
    /// </summary>
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(10);

    /// <summary>How long the idle-memory step holds its streams open after connecting.</summary>
    public static readonly TimeSpan IdleHold = TimeSpan.FromSeconds(10);

    public static TimeSpan RampFor(int streams) => TimeSpan.FromSeconds((double)streams / ConnectsPerSecond);
}
