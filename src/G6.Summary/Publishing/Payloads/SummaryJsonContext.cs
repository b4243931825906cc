using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace G6.Summary.Publishing.Payloads;

/// <summary>
/// Source-generated JSON for the service's own answers that are not events (health). Event payloads and
/// the resync body are the protocol's: <see cref="Protocol.Payloads.ProtocolJsonContext"/>.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(HealthPayload))]
[JsonSerializable(typeof(SessionPayload))]
[JsonSerializable(typeof(SessionRequest))]
public sealed partial class SummaryJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The instance to use: snake_case names and relaxed escaping. Relaxed is safe here because the
    /// output is never embedded in HTML; it keeps non-ASCII text literal, so events stay small.
    /// </summary>
    public static SummaryJsonContext Wire { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
