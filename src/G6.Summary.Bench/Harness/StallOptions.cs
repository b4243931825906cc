namespace G6.Summary.Bench.Harness;

/// <summary>
/// A <c>bench stall</c> run: for each stalled-stream count and each flow stream count, one step per
/// send-buffer variant, the variants side by side in the same run.
/// </summary>
/// <param name="SendBuffers">The values of <c>G6_SSE_SEND_BUFFER_BYTES</c> to compare; null runs the server's default.</param>
/// <param name="StalledCounts">Stall steps: how many readers stall at once (with one healthy reader beside them).</param>
/// <param name="FlowStreams">Flow steps (as <c>bench scenario</c>'s, busy demo at <paramref name="FlowRatePerSec"/>): healthy streams for p99.</param>
/// <param name="RatePerSec">How often the status file is rewritten in stall steps (each write publishes one event).</param>
/// <param name="Indices">Indices in that status: 32 give events of about 3 KB.</param>
/// <param name="QueueMax"><c>G6_SSE_QUEUE_MAX</c> of the stall steps' server.</param>
/// <param name="Stall">How long the stalled readers stop reading.</param>
/// <param name="ReceiveBufferBytes">SO_RCVBUF of each stalled reader, asked before connecting.</param>
/// <param name="ServerSettings">Extra G6_ settings for every step's server (e.g. <c>G6_SSE_DIRECT_STREAMS=0</c> for the Kestrel path).</param>
/// <param name="TcpMemoryGuard">
/// A stall ends early when the machine's TCP memory passes this share of <c>tcp_mem</c>'s first
/// threshold, below which the kernel regulates nobody: the run must never squeeze other work's sockets.
/// </param>
public sealed record StallOptions(
    IReadOnlyList<int?> SendBuffers,
    IReadOnlyList<int> StalledCounts,
    IReadOnlyList<int> FlowStreams,
    double RatePerSec = 100,
    int Indices = 32,
    int QueueMax = 16,
    TimeSpan? Stall = null,
    int ReceiveBufferBytes = 4096,
    double TcpMemoryGuard = 0.5,
    double FlowRatePerSec = 10,
    TimeSpan? FlowDuration = null,
    BenchReader? Reader = null,
    IReadOnlyDictionary<string, string>? ServerSettings = null)
{
    public static readonly TimeSpan DefaultStall = TimeSpan.FromSeconds(30);

    public TimeSpan StallTime => Stall ?? DefaultStall;

    public TimeSpan FlowTime => FlowDuration ?? TimeSpan.FromSeconds(30);

    /// <summary>The stall steps' write timeout: well past the stall, so a stalled stream is dropped to a snapshot, never closed.</summary>
    public TimeSpan WriteTimeout => StallTime + TimeSpan.FromSeconds(120);
}
