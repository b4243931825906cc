using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace G6.Summary.Protocol.Payloads;

/// <summary>
/// Source-generated JSON for every event payload and the resync body, as PROTOCOL.md defines them: the
/// one place their field names and shapes are written down, for the server that writes them and for any
/// .NET program that wants to read them typed.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(HelloPayload))]
[JsonSerializable(typeof(FullSnapshotPayload))]
[JsonSerializable(typeof(PanelUpdatePayload))]
[JsonSerializable(typeof(PanelDiffPayload))]
[JsonSerializable(typeof(HeartbeatPayload))]
[JsonSerializable(typeof(ErrorPayload))]
[JsonSerializable(typeof(ByePayload))]
[JsonSerializable(typeof(TruncatedPayload))]
[JsonSerializable(typeof(ResyncPayload))]
[JsonSerializable(typeof(PushAnswerPayload))]
public sealed partial class ProtocolJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The instance to use: snake_case names and relaxed escaping. Relaxed is safe because the output is
    /// never embedded in HTML; it keeps non-ASCII text literal, so events stay small.
    /// </summary>
    public static ProtocolJsonContext Wire { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
