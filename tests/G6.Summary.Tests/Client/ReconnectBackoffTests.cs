using G6.Summary.Client;

namespace G6.Summary.Tests.Client;

public sealed class ReconnectBackoffTests
{
    [Fact]
    public void Next_SuccessiveFailures_DoubleUpToTheCapWithinJitterBounds()
    {
        var low = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), () => 0.0);
        var high = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), () => 1.0);

        Assert.Equal([0.5, 1, 2, 4, 5, 5], Enumerable.Range(0, 6).Select(_ => low.Next().TotalSeconds));
        Assert.Equal([1.0, 2, 4, 8, 10, 10], Enumerable.Range(0, 6).Select(_ => high.Next().TotalSeconds));
    }

    [Fact]
    public void Reset_AfterAWorkingConnection_StartsFromTheBaseAgain()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), () => 1.0);
        backoff.Next();
        backoff.Next();
        backoff.Base = TimeSpan.FromSeconds(3);

        backoff.Reset();

        Assert.Equal(TimeSpan.FromSeconds(3), backoff.Next());
    }
}
