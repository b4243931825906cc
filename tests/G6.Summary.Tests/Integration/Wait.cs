namespace G6.Summary.Tests.Integration;

/// <summary>Waits for a condition the test cannot be told about directly, with a bound.</summary>
internal static class Wait
{
    // How often to look again: short enough not to slow tests, long enough not to spin a core.
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(10);

    public static async Task UntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(20);
        using var cts = new CancellationTokenSource(limit);
        while (!condition())
        {
            try
            {
                await Task.Delay(PollInterval, cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"timed out after {limit.TotalSeconds} s waiting for {what}");
            }
        }
    }
}
