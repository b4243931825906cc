using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using G6.Summary.Compression;
using G6.Summary.Configuration;
using G6.Summary.Protocol;
using G6.Summary.Protocol.Payloads;

namespace G6.Summary.Publishing;

/// <summary>
/// Turns payloads into final SSE frames, once per event (never per stream), so every stream is
/// handed the same bytes.
/// </summary>
public sealed class EventEncoder(SummaryOptions options, TimeProvider timeProvider)
{
    /// <summary>The schema of every payload (PROTOCOL.md v1).</summary>
    public const int SchemaVersion = 1;

    private static readonly ProtocolJsonContext Json = ProtocolJsonContext.Wire;

    /// <summary>Written first on every stream: the reconnect delay for EventSource clients.</summary>
    public WireConstant RetryPreamble { get; } = new(Encoding.UTF8.GetBytes($"retry: {options.Streaming.RetryMs}\n\n"));

    /// <summary>An SSE comment: keeps proxies from closing an idle stream; clients ignore it.</summary>
    public static WireConstant Keepalive { get; } = new(Encoding.UTF8.GetBytes(": keepalive\n\n"));

    public static string ServerVersion { get; } =
        typeof(EventEncoder).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    public string DiffMode => options.Streaming.Structured ? "structured" : "update";

    /// <summary>Unix epoch milliseconds, fractional: the <c>ts</c> every payload carries.</summary>
    public double Now() => (timeProvider.GetUtcNow() - DateTimeOffset.UnixEpoch).TotalMilliseconds;

    public EventFrame Hello(PublishedState state, bool resumed)
    {
        ref var slot = ref resumed ? ref state.HelloResumedFrame : ref state.HelloFreshFrame;
        return Cached(ref slot, () =>
        {
            var panels = state.Panels.Select(p => new PanelHashEntry(p.Key, p.Hash)).ToArray();
            var payload = new HelloPayload(state.Seq, state.Cycle, Now(), SchemaVersion, state.Epoch, ServerVersion,
                resumed, DiffMode, options.Streaming.HeartbeatCycles, state.Digest, panels);
            return Encode(EventNames.Hello, state, payload, Json.HelloPayload);
        });
    }

    public EventFrame FullSnapshot(PublishedState state) =>
        Cached(ref state.FullSnapshotFrame, () =>
        {
            var payload = new FullSnapshotPayload(state.Seq, state.Cycle, Now(), state.Epoch, state.Digest, Bodies(state.Panels));
            return Encode(EventNames.FullSnapshot, state, payload, Json.FullSnapshotPayload);
        });

    /// <summary>
    /// A <c>panel_update</c> (or <c>panel_diff</c>) carrying <paramref name="keys"/> at their content in
    /// <paramref name="state"/>. <paramref name="coalesced"/> is set when one event stands for several.
    /// </summary>
    public EventFrame Update(PublishedState state, IEnumerable<string> keys, double ts, int? coalesced = null)
    {
        var panels = keys.Select(k => state.ByKey[k]).OrderBy(p => state.Panels.IndexOf(p)).ToArray();
        if (options.Streaming.Structured)
        {
            var diff = new PanelDiffPayload(state.Seq, state.Cycle, ts, Bodies(panels), true, state.Digest, coalesced);
            return Encode(EventNames.PanelDiff, state, diff, Json.PanelDiffPayload);
        }

        var updates = panels.Select(p => new PanelUpdateEntry(p.Key, p.Hash, p.Title, p.Lines)).ToArray();
        var update = new PanelUpdatePayload(state.Seq, state.Cycle, ts, updates, state.Digest, coalesced);
        return Encode(EventNames.PanelUpdate, state, update, Json.PanelUpdatePayload);
    }

    public EventFrame Heartbeat(PublishedState state, double hitRatio) =>
        Encode(EventNames.Heartbeat, state, new HeartbeatPayload(state.Seq, state.Cycle, state.Ts, true, state.Digest, hitRatio), Json.HeartbeatPayload);

    public EventFrame Error(PublishedState state, string message) =>
        Encode(EventNames.Error, state, new ErrorPayload(state.Seq, state.Cycle, state.Ts, message, true), Json.ErrorPayload);

    public EventFrame Bye(PublishedState state, long cycle, string reason) =>
        Encode(EventNames.Bye, state, new ByePayload(state.Seq, cycle, Now(), reason), Json.ByePayload);

    /// <summary>Builds an event's name and bytes; an event over the size limit becomes <c>truncated</c>.</summary>
    private EventFrame Encode<T>(string name, PublishedState state, T payload, JsonTypeInfo<T> typeInfo)
    {
        var data = JsonSerializer.SerializeToUtf8Bytes(payload, typeInfo);
        var frame = Frame(name, state.EventId, data);
        if (frame.Length <= options.Streaming.MaxEventBytes)
        {
            return new EventFrame(name, frame);
        }

        var truncated = new TruncatedPayload(state.Seq, state.Cycle, Now(), name, frame.Length, options.Streaming.MaxEventBytes);
        return new EventFrame(EventNames.Truncated, Frame(EventNames.Truncated, state.EventId, JsonSerializer.SerializeToUtf8Bytes(truncated, Json.TruncatedPayload)));
    }

    /// <summary>
    /// Frames one event as <c>id</c>, <c>event</c>, <c>data</c> and a blank line, in the order
    /// PROTOCOL.md lists them (the runtime's SseFormatter writes <c>id</c> last, so we frame by hand;
    /// the round-trip tests parse every frame with the runtime's SseParser).
    /// </summary>
    internal static byte[] Frame(string name, string id, byte[] jsonData)
    {
        // Validate here so a malformed event cannot exist: names are [a-z_]+, ids are ours
        // (epoch-seq, no CR/LF), and data is single-line JSON (the serializer escapes newlines).
        if (!EventNames.IsValid(name) || id.AsSpan().IndexOfAny('\r', '\n') >= 0 || jsonData.AsSpan().IndexOfAny((byte)'\r', (byte)'\n') >= 0)
        {
            throw new ArgumentException("event name, id or data not framable");
        }

        var frame = new byte[4 + id.Length + 8 + name.Length + 7 + jsonData.Length + 2];
        var at = 0;
        at += Encoding.ASCII.GetBytes("id: ", frame.AsSpan(at));
        at += Encoding.UTF8.GetBytes(id, frame.AsSpan(at));
        at += Encoding.ASCII.GetBytes("\nevent: ", frame.AsSpan(at));
        at += Encoding.ASCII.GetBytes(name, frame.AsSpan(at));
        at += Encoding.ASCII.GetBytes("\ndata: ", frame.AsSpan(at));
        jsonData.CopyTo(frame.AsSpan(at));
        at += jsonData.Length;
        frame[at++] = (byte)'\n';
        frame[at++] = (byte)'\n';
        return frame;
    }

    private static Dictionary<string, PanelBody> Bodies(IEnumerable<Panel> panels)
    {
        var bodies = new Dictionary<string, PanelBody>(StringComparer.Ordinal);
        foreach (var panel in panels)
        {
            bodies[panel.Key] = new PanelBody(panel.Hash, panel.Title, panel.Lines);
        }

        return bodies;
    }

    private static EventFrame Cached(ref EventFrame? slot, Func<EventFrame> create)
    {
        var existing = Volatile.Read(ref slot);
        if (existing is not null)
        {
            return existing;
        }

        // Two streams may race to build it; both results are equal, the first one stored wins.
        var built = create();
        return Interlocked.CompareExchange(ref slot, built, null) ?? built;
    }
}
