using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text;
using G6.Summary.Protocol;
using G6.Summary.Publishing;

namespace G6.Summary.Streaming;

/// <summary>
/// One distinct panel subset in use (<c>?panels=a,b</c>), shared by every stream that asked for it: its
/// view of a state (only its panels, and the digest over them, PROTOCOL.md's formula) and its version of
/// each event, encoded once for all its streams and kept in a window as long as the log's. An event that
/// changes none of its panels has no version (the stream skips it; seq gaps are expected); heartbeats carry
/// the subset's digest; other events (error, truncated without panels) are the shared bytes.
/// </summary>
public sealed class PanelFilter
{
    private readonly EventEncoder _encoder;
    private readonly FilteredFrame?[] _frames;
    private ViewCache? _view;
    private long _encodings;

    // Streams using it; changed only under the registry's lock.
    internal int Users;
    internal long LastUsed;

    internal PanelFilter(ImmutableArray<string> keys, EventEncoder encoder, int window)
    {
        Keys = keys;
        Id = string.Join(',', keys);
        KeySet = keys.ToFrozenSet(StringComparer.Ordinal);
        _encoder = encoder;
        _frames = new FilteredFrame?[window];
    }

    /// <summary>The subset's keys in ordinal order.</summary>
    public ImmutableArray<string> Keys { get; }

    /// <summary>The keys joined by commas: the subset's identity.</summary>
    public string Id { get; }

    public FrozenSet<string> KeySet { get; }

    /// <summary>Event versions encoded so far (each event at most once; tests hold the fan-out to it).</summary>
    public long Encodings => Interlocked.Read(ref _encodings);

    /// <summary>
    /// <paramref name="state"/> as this subset's streams hold it: only its panels, its digest. The same view
    /// object for the same state, so its hello and full snapshot are encoded once for all its streams.
    /// </summary>
    public PublishedState View(PublishedState state)
    {
        var cached = Volatile.Read(ref _view);
        if (cached is not null && ReferenceEquals(cached.Source, state))
        {
            return cached.View;
        }

        var panels = state.Panels.Where(p => KeySet.Contains(p.Key)).ToImmutableArray();
        var digest = PanelHasher.Digest(panels.Select(p => KeyValuePair.Create(p.Key, p.Hash)));
        var view = new PublishedState(state.Epoch, state.Seq, state.Cycle, state.Ts, panels, digest);
        Volatile.Write(ref _view, new ViewCache(state, view));
        return view;
    }

    /// <summary>
    /// This subset's version of <paramref name="evt"/>: its bytes, or <see cref="FilteredFrame.IsSkipped"/>
    /// when the event changes none of its panels; null when the state after the event is not known
    /// (an older event from a log that keeps no states), so the stream is sent a subset snapshot instead.
    /// </summary>
    public FilteredFrame? FrameFor(PublishedEvent evt, PublishedState current)
    {
        var slot = evt.Seq % _frames.Length;
        var cached = Volatile.Read(ref _frames[slot]);
        if (cached is not null && cached.Seq == evt.Seq)
        {
            return cached;
        }

        var state = evt.StateAfter ?? (evt.Seq == current.Seq ? current : null);
        if (state is null)
        {
            return null;
        }

        var built = Build(evt, state);

        // Two writers (fan-out slices, a catching-up loop) may race to build it; equal results, one is kept.
        var seen = Interlocked.CompareExchange(ref _frames[slot], built, cached);
        if (!ReferenceEquals(seen, cached) && seen is not null && seen.Seq == evt.Seq)
        {
            return seen;
        }

        return built;
    }

    private FilteredFrame Build(PublishedEvent evt, PublishedState state)
    {
        if (evt.ChangedKeys.Length > 0 || evt.Name is EventNames.PanelUpdate or EventNames.PanelDiff)
        {
            var keys = evt.ChangedKeys.Where(KeySet.Contains).ToArray();
            if (keys.Length == 0)
            {
                return FilteredFrame.Skip(evt.Seq);
            }

            Interlocked.Increment(ref _encodings);
            var view = View(state);
            var frame = _encoder.Update(view, keys, view.Ts);
            return new FilteredFrame(evt.Seq, frame.Name, frame.Bytes);
        }

        if (evt.Name == EventNames.Heartbeat)
        {
            Interlocked.Increment(ref _encodings);
            return new FilteredFrame(evt.Seq, evt.Name, WithDigest(evt.Frame.Span, state.Digest, View(state).Digest));
        }

        // error (no digest) and the like: the same bytes as every stream.
        return new FilteredFrame(evt.Seq, evt.Name, evt.Frame);
    }

    /// <summary>
    /// A heartbeat for this subset: the shared frame with the subset's digest in place of the whole state's.
    /// Both are 64 hex digits and the whole digest appears once in a heartbeat (its other fields are
    /// numbers and a bool), so the swap keeps every other byte, ts and hit ratio included, as published.
    /// </summary>
    private static byte[] WithDigest(ReadOnlySpan<byte> frame, string whole, string subset)
    {
        var copy = frame.ToArray();
        var at = frame.IndexOf(Encoding.ASCII.GetBytes(whole));
        if (at >= 0)
        {
            Encoding.ASCII.GetBytes(subset, copy.AsSpan(at, subset.Length));
        }

        return copy;
    }

    private sealed record ViewCache(PublishedState Source, PublishedState View);
}
