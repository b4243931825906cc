using G6.Summary.Status;
using Microsoft.Extensions.Time.Testing;

namespace G6.Summary.Tests.Status;

/// <summary>The idempotency cache's rules, with a scripted publish step and a fake clock.</summary>
public sealed class PushIdempotencyCacheTests
{
    private static readonly byte[] Document = "{\"app\":{}}"u8.ToArray();

    private static PushAnswer Ok(string body) => new(200, System.Text.Encoding.UTF8.GetBytes(body), true, "published");

    [Fact]
    public async Task RetryWhileTheFirstIsPublishing_WaitsForThatAnswer_PublishesOnce()
    {
        var cache = new PushIdempotencyCache(new FakeTimeProvider());
        var gate = new TaskCompletionSource<PushAnswer>(TaskCreationOptions.RunContinuationsAsynchronously);
        var publishes = 0;
        Task<PushAnswer> Publish()
        {
            Interlocked.Increment(ref publishes);
            return gate.Task;
        }

        var first = cache.GetOrProcessAsync("p0", "k1", Document, Publish);
        var retry = cache.GetOrProcessAsync("p0", "k1", Document, Publish);
        Assert.False(retry.IsCompleted);
        gate.SetResult(Ok("{\"seq\":7}"));

        var (answer, replayed) = await retry;
        Assert.True(replayed);
        Assert.Same((await first).Answer, answer);
        Assert.Equal(1, publishes);
    }

    [Fact]
    public async Task KeysArePerPublisher_AndExpireAfterAnHour_AndServerErrorsAreNotKept()
    {
        var clock = new FakeTimeProvider();
        var cache = new PushIdempotencyCache(clock);
        var publishes = 0;
        Task<PushAnswer> Publish() => Task.FromResult(Ok($"{{\"n\":{Interlocked.Increment(ref publishes)}}}"));

        await cache.GetOrProcessAsync("p0", "k", Document, Publish);
        Assert.False((await cache.GetOrProcessAsync("p1", "k", Document, Publish)).Replayed);
        Assert.True((await cache.GetOrProcessAsync("p0", "k", Document, Publish)).Replayed);
        clock.Advance(PushIdempotencyCache.Retention + TimeSpan.FromSeconds(1));
        Assert.False((await cache.GetOrProcessAsync("p0", "k", Document, Publish)).Replayed);
        Assert.Equal(3, publishes);

        await cache.GetOrProcessAsync("p0", "busy", Document, () => Task.FromResult(PushAnswer.Line(503, "busy", "busy")));
        Assert.False((await cache.GetOrProcessAsync("p0", "busy", Document, Publish)).Replayed);
    }

    [Fact]
    public async Task SameKeyOtherDocument_NoAnswer()
    {
        var cache = new PushIdempotencyCache(new FakeTimeProvider());
        await cache.GetOrProcessAsync("p0", "k", Document, () => Task.FromResult(Ok("{}")));
        var (answer, replayed) = await cache.GetOrProcessAsync("p0", "k", "{\"loop\":{}}"u8.ToArray(), () => Task.FromResult(Ok("{}")));
        Assert.Null(answer);
        Assert.True(replayed);
    }
}
