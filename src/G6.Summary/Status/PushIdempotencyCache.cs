using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace G6.Summary.Status;

/// <summary>
/// Answers already given to pushes that carried an <c>Idempotency-Key</c>, per publisher, so a collector
/// that retries (a timeout, a dropped connection) gets the first answer and publishes no second event.
/// A retry that arrives while the first is still being published waits for that same answer. The key
/// is bound to its document: the same key with other bytes is refused rather than answered wrongly.
/// </summary>
public sealed class PushIdempotencyCache(TimeProvider timeProvider)
{
    /// <summary>A collector retries within seconds or minutes; an hour covers a long outage's backlog.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(1);

    /// <summary>Bounds memory (an answer is under 1 KB): ten thousand keys are hours of pushes from many collectors.</summary>
    public const int MaxKeys = 10_000;

    private readonly ConcurrentDictionary<(string Publisher, string Key), Entry> _entries = new();

    public int Count => _entries.Count;

    /// <summary>
    /// The answer for (<paramref name="publisher"/>, <paramref name="key"/>): the stored one when the key is
    /// known (Replayed true; Answer null when it was stored for another document), else the
    /// result of <paramref name="process"/>, stored for later retries.
    /// </summary>
    public async Task<(PushAnswer? Answer, bool Replayed)> GetOrProcessAsync(
        string publisher, string key, ReadOnlyMemory<byte> body, Func<Task<PushAnswer>> process)
    {
        var hash = SHA256.HashData(body.Span);
        var now = timeProvider.GetTimestamp();
        var fresh = new Entry(hash, now, new TaskCompletionSource<PushAnswer>(TaskCreationOptions.RunContinuationsAsynchronously));
        var entry = _entries.GetOrAdd((publisher, key), fresh);
        if (!ReferenceEquals(entry, fresh))
        {
            if (timeProvider.GetElapsedTime(entry.Stored, now) > Retention)
            {
                // Expired: forget it (only the entry we saw, in case a racing retry already did) and start again.
                _entries.TryRemove(KeyValuePair.Create((publisher, key), entry));
                return await GetOrProcessAsync(publisher, key, body, process);
            }

            return CryptographicOperations.FixedTimeEquals(entry.BodyHash, hash)
                ? (await entry.Answer.Task, true)
                : (null, true);
        }

        Trim(now);
        try
        {
            var answer = await process();
            if (answer.Status >= 500)
            {
                // Not an outcome of the document: a retry should try again, not be told "busy" forever.
                _entries.TryRemove(KeyValuePair.Create((publisher, key), fresh));
            }

            fresh.Answer.SetResult(answer);
            return (answer, false);
        }
        catch (Exception ex)
        {
            _entries.TryRemove(KeyValuePair.Create((publisher, key), fresh));
            fresh.Answer.SetException(ex);
            throw;
        }
    }

    /// <summary>Drops expired keys, then the oldest, once the cache is over its bound.</summary>
    private void Trim(long now)
    {
        if (_entries.Count <= MaxKeys)
        {
            return;
        }

        foreach (var (id, entry) in _entries)
        {
            if (timeProvider.GetElapsedTime(entry.Stored, now) > Retention)
            {
                _entries.TryRemove(id, out _);
            }
        }

        var excess = _entries.Count - MaxKeys;
        if (excess > 0)
        {
            foreach (var (id, _) in _entries.OrderBy(e => e.Value.Stored).Take(excess).ToArray())
            {
                _entries.TryRemove(id, out _);
            }
        }
    }

    private sealed record Entry(byte[] BodyHash, long Stored, TaskCompletionSource<PushAnswer> Answer);
}
