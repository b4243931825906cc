namespace G6.Summary.Bench.Harness;

/// <summary>The kernel's TCP memory thresholds (<c>net.ipv4.tcp_mem</c>), in pages.</summary>
/// <param name="Unregulated">Below this the kernel does not regulate TCP memory at all.</param>
/// <param name="Pressure">Above this every TCP socket's buffers are squeezed until usage falls under <paramref name="Unregulated"/>.</param>
/// <param name="Limit">At this the kernel refuses TCP memory to every socket on the machine.</param>
public sealed record TcpMemoryLimits(long Unregulated, long Pressure, long Limit);
