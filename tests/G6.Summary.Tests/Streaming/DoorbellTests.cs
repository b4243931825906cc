using G6.Summary.Streaming;

namespace G6.Summary.Tests.Streaming;

public sealed class DoorbellTests
{
    [Fact]
    public async Task RingBeforeWait_WaitCompletesAtOnce_UntilDrained()
    {
        var bell = new Doorbell();
        bell.Ring();
        bell.Ring();
        Assert.True(bell.WaitAsync().AsTask().IsCompleted);
        Assert.True(bell.WaitAsync().AsTask().IsCompleted);
        bell.Drain();
        var waiting = bell.WaitAsync().AsTask();
        Assert.False(waiting.IsCompleted);
        bell.Ring();
        Assert.True(await waiting.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task ManyRingers_OneWaiter_NoRingIsLost()
    {
        // The loop's pattern: drain, look at the "log", wait. Every increment must be seen.
        var bell = new Doorbell();
        long published = 0;
        const int PerRinger = 20_000;
        var ringers = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < PerRinger; i++)
            {
                Interlocked.Increment(ref published);
                bell.Ring();
            }
        })).ToArray();

        long seen = 0;
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (seen < 4 * PerRinger)
        {
            bell.Drain();
            var now = Interlocked.Read(ref published);
            if (now > seen)
            {
                seen = now;
                continue;
            }

            await bell.WaitAsync().AsTask().WaitAsync(limit.Token);
        }

        await Task.WhenAll(ringers);
        Assert.Equal(4 * PerRinger, seen);
    }
}
