using System.Text.Json.Serialization;

namespace G6.Summary.Protocol.Payloads;

/// <summary>
/// <c>panel_update</c>. <see cref="Coalesced"/> is set only on a throttled stream, where one event
/// stands for several published ones (see docs/STREAMING.md).
/// </summary>
public sealed record PanelUpdatePayload(
    long Seq,
    long Cycle,
    double Ts,
    IReadOnlyList<PanelUpdateEntry> Updates,
    string Digest,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Coalesced = null);
