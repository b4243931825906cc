using System.Text.Json;

namespace G6.Summary.Tests.Browser;

/// <summary>The page's JSON naming (camelCase) for what the tests hand to it and read back.</summary>
internal static class BrowserJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);
}
