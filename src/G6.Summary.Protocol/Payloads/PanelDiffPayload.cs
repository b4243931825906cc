using System.Text.Json.Serialization;

namespace G6.Summary.Protocol.Payloads;

/// <summary><c>panel_diff</c>, the structured form of <c>panel_update</c> (<c>G6_SSE_STRUCTURED=1</c>).</summary>
public sealed record PanelDiffPayload(
    long Seq,
    long Cycle,
    double Ts,
    IReadOnlyDictionary<string, PanelBody> Panels,
    bool Structured,
    string Digest,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Coalesced = null);
