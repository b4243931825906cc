namespace G6.Summary.Bench.Harness;

/// <summary>
/// Runs the harness's socket completions on the socket engine's own thread instead of queueing each one
/// to the thread pool. Measured at 10,000 streams (docs/STREAMING.md, Performance): 8.8 µs of harness
/// CPU per event instead of 10.6, and a lower p99, because every read's continuation is short and never
/// blocks. The runtime reads the variable once, when the first socket operation starts, so it has to
/// be set before the harness opens anything; the server a scenario starts does not inherit it.
/// </summary>
public static class InlineSocketCompletions
{
    public const string Variable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>True when this process set the variable itself (an operator's own value is left alone).</summary>
    public static bool SetByHarness { get; private set; }

    public static void Enable()
    {
        if (Environment.GetEnvironmentVariable(Variable) is null)
        {
            Environment.SetEnvironmentVariable(Variable, "1");
            SetByHarness = true;
        }
    }
}
