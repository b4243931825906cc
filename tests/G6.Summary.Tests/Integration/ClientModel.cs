using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace G6.Summary.Tests.Integration;

/// <summary>
/// What a client holds after applying events, with hashes recomputed the way a third-party client
/// would (serialize [key, title, lines...] as compact JSON, SHA-256), independently of the server's hasher.
/// </summary>
internal sealed class ClientModel
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public SortedDictionary<string, (string Hash, string Title, string[] Lines)> Panels { get; } = new(StringComparer.Ordinal);

    public long Seq { get; private set; }

    public void Apply(ReceivedEvent evt)
    {
        switch (evt.Name)
        {
            case "full_snapshot":
                Panels.Clear();
                foreach (var panel in evt.Data.GetProperty("panels").EnumerateObject())
                {
                    Put(panel.Name, panel.Value);
                }

                break;
            case "panel_update":
                foreach (var update in evt.Data.GetProperty("updates").EnumerateArray())
                {
                    Put(update.GetProperty("key").GetString()!, update);
                }

                break;
            case "panel_diff":
                foreach (var panel in evt.Data.GetProperty("panels").EnumerateObject())
                {
                    Put(panel.Name, panel.Value);
                }

                break;
            default:
                break;
        }

        if (evt.Name != "hello")
        {
            Seq = evt.Seq;
        }

        if (evt.Data.TryGetProperty("digest", out var digest) && evt.Name != "hello")
        {
            Assert.Equal(digest.GetString(), Digest());
        }
    }

    public string Digest()
    {
        var text = new StringBuilder();
        foreach (var (key, panel) in Panels)
        {
            text.Append(key).Append(':').Append(panel.Hash).Append('\n');
        }

        return Hex(Encoding.UTF8.GetBytes(text.ToString()));
    }

    public static string Hash(string key, string title, IEnumerable<string> lines) =>
        Hex(Encoding.UTF8.GetBytes(JsonSerializer.Serialize((string[])[key, title, .. lines], Compact)));

    private void Put(string key, JsonElement panel)
    {
        var title = panel.GetProperty("title").GetString()!;
        var lines = panel.GetProperty("lines").EnumerateArray().Select(l => l.GetString()!).ToArray();
        var hash = panel.GetProperty("hash").GetString()!;
        Assert.Equal(Hash(key, title, lines), hash);
        Panels[key] = (hash, title, lines);
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
