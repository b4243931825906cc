namespace G6.Summary.Bench.Harness;

/// <summary>One reading of a process's CPU time (user + system) and resident memory.</summary>
/// <param name="AtMs">When it was taken, on the harness's <see cref="UnixClock"/>.</param>
public sealed record ProcessSample(double AtMs, double CpuSeconds, long RssBytes);
