using System.Text.Json;
using G6.Summary.Protocol;

namespace G6.Summary.Client;

/// <summary>
/// Turns an SSE event (name + <c>data</c>) or a resync body into a typed <see cref="SummaryEvent"/>.
/// Lenient where the protocol allows growth (unknown fields and unknown events are accepted), strict where
/// correctness depends on it (a panel without a hash, an update without a digest, an event without a seq).
/// </summary>
public static class SummaryEventParser
{
    /// <summary>Parses one event.</summary>
    /// <param name="eventName">The SSE <c>event:</c> field.</param>
    /// <param name="data">The SSE <c>data:</c> field: one JSON object.</param>
    /// <exception cref="SummaryProtocolException">The data is not JSON or lacks a field the event requires.</exception>
    public static SummaryEvent Parse(string eventName, string data)
    {
        ArgumentNullException.ThrowIfNull(eventName);
        ArgumentNullException.ThrowIfNull(data);
        using var document = ParseObject(data, eventName);
        var root = document.RootElement;
        try
        {
            return eventName switch
            {
                EventNames.Hello => ParseHello(root),
                EventNames.FullSnapshot => ParseSnapshot(root),
                EventNames.PanelUpdate => ParseUpdate(root),
                EventNames.PanelDiff => ParseDiff(root),
                EventNames.Heartbeat => new HeartbeatEvent(Seq(root), Cycle(root), Ts(root), RequiredString(root, "digest"), OptionalDouble(root, "hit_ratio")),
                EventNames.Truncated => new TruncatedEvent(Seq(root), Cycle(root), Ts(root),
                    OptionalString(root, "original_event") ?? string.Empty, OptionalLong(root, "bytes") ?? 0, OptionalLong(root, "limit") ?? 0),
                EventNames.Error => new ServerErrorEvent(Seq(root), Cycle(root), Ts(root),
                    OptionalString(root, "message") ?? string.Empty, OptionalBool(root, "recoverable") ?? true),
                EventNames.Bye => new ByeEvent(OptionalLong(root, "seq") ?? 0, Cycle(root), Ts(root), OptionalString(root, "reason") ?? string.Empty),
                _ => new UnknownEvent(eventName, OptionalLong(root, "seq") ?? 0, Cycle(root), Ts(root)),
            };
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException)
        {
            // JsonElement getters throw these for a value of the wrong kind (a string where a number belongs).
            throw new SummaryProtocolException($"{eventName}: a field has the wrong type", ex);
        }
    }

    /// <summary>Parses the body of <c>GET /summary/resync</c>: <c>{schema_version, epoch, seq, cycle, ts, digest, panels}</c>.</summary>
    /// <exception cref="SummaryProtocolException">The body is not JSON or lacks a required field.</exception>
    public static FullSnapshotEvent ParseResync(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = ParseObject(json, "resync");
        try
        {
            return ParseSnapshot(document.RootElement);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException)
        {
            throw new SummaryProtocolException("resync: a field has the wrong type", ex);
        }
    }

    private static JsonDocument ParseObject(string json, string what)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new SummaryProtocolException($"{what}: data is not valid JSON", ex);
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw new SummaryProtocolException($"{what}: data is not a JSON object");
        }

        return document;
    }

    private static HelloEvent ParseHello(JsonElement root)
    {
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        if (root.TryGetProperty("panels", out var panels) && panels.ValueKind == JsonValueKind.Array)
        {
            foreach (var entry in panels.EnumerateArray())
            {
                hashes[RequiredString(entry, "key")] = RequiredString(entry, "hash");
            }
        }

        return new HelloEvent(
            Seq(root),
            Cycle(root),
            Ts(root),
            (int)(OptionalLong(root, "schema_version") ?? 1),
            RequiredString(root, "epoch"),
            OptionalString(root, "server_version") ?? string.Empty,
            OptionalBool(root, "resumed") ?? false,
            OptionalString(root, "diff_mode") ?? "update",
            (int)(OptionalLong(root, "heartbeat_cycles") ?? 0),
            OptionalString(root, "digest") ?? string.Empty,
            hashes);
    }

    private static FullSnapshotEvent ParseSnapshot(JsonElement root) =>
        new(Seq(root), Cycle(root), Ts(root), RequiredString(root, "epoch"), RequiredString(root, "digest"), PanelMap(root));

    private static PanelUpdateEvent ParseUpdate(JsonElement root)
    {
        if (!root.TryGetProperty("updates", out var updates) || updates.ValueKind != JsonValueKind.Array)
        {
            throw new SummaryProtocolException("panel_update: missing updates");
        }

        var panels = new List<SummaryPanel>(updates.GetArrayLength());
        foreach (var update in updates.EnumerateArray())
        {
            panels.Add(Panel(RequiredString(update, "key"), update));
        }

        return new PanelUpdateEvent(Seq(root), Cycle(root), Ts(root), panels, RequiredString(root, "digest"),
            (int?)OptionalLong(root, "coalesced"), Structured: false);
    }

    private static PanelUpdateEvent ParseDiff(JsonElement root) =>
        new(Seq(root), Cycle(root), Ts(root), PanelMap(root), RequiredString(root, "digest"),
            (int?)OptionalLong(root, "coalesced"), Structured: true);

    private static List<SummaryPanel> PanelMap(JsonElement root)
    {
        if (!root.TryGetProperty("panels", out var map) || map.ValueKind != JsonValueKind.Object)
        {
            throw new SummaryProtocolException("missing panels object");
        }

        // Object order is the server's display order; keep it.
        var panels = new List<SummaryPanel>();
        foreach (var property in map.EnumerateObject())
        {
            panels.Add(Panel(property.Name, property.Value));
        }

        return panels;
    }

    private static SummaryPanel Panel(string key, JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw new SummaryProtocolException($"panel {key}: not an object");
        }

        if (!body.TryGetProperty("lines", out var linesElement) || linesElement.ValueKind != JsonValueKind.Array)
        {
            throw new SummaryProtocolException($"panel {key}: missing lines");
        }

        var lines = new string[linesElement.GetArrayLength()];
        var i = 0;
        foreach (var line in linesElement.EnumerateArray())
        {
            lines[i++] = line.ValueKind == JsonValueKind.String
                ? line.GetString()!
                : throw new SummaryProtocolException($"panel {key}: a line is not a string");
        }

        return new SummaryPanel(key, RequiredString(body, "title"), lines, RequiredString(body, "hash"));
    }

    private static long Seq(JsonElement root) =>
        OptionalLong(root, "seq") ?? throw new SummaryProtocolException("missing seq");

    private static long Cycle(JsonElement root) => OptionalLong(root, "cycle") ?? 0;

    private static double Ts(JsonElement root) => OptionalDouble(root, "ts") ?? 0;

    private static string RequiredString(JsonElement element, string name) =>
        OptionalString(element, name) ?? throw new SummaryProtocolException($"missing {name}");

    private static string? OptionalString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static long? OptionalLong(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) ? n : null;

    private static double? OptionalDouble(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    private static bool? OptionalBool(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : null;
}
