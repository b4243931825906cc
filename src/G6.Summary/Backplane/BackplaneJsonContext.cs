using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace G6.Summary.Backplane;

/// <summary>Source-generated JSON of the state the shared log stores beside the event bytes.</summary>
[JsonSerializable(typeof(StoredPanel[]))]
public sealed partial class BackplaneJsonContext : JsonSerializerContext
{
    /// <summary>Relaxed escaping: these bytes only ever go back into this service, never into HTML.</summary>
    public static BackplaneJsonContext Stored { get; } = new(new JsonSerializerOptions
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
