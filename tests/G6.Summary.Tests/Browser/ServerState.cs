using System.Text.Json;
using G6.Summary.Tests.Integration;

namespace G6.Summary.Tests.Browser;

/// <summary>What the server says the page should show, read from its own <c>/summary/resync</c>.</summary>
internal static class ServerState
{
    public static async Task<IReadOnlyList<ShownPanel>> PanelsAsync(TestServer server, string? token = null, string? subset = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, subset is null ? "/summary/resync" : $"/summary/resync?panels={subset}");
        if (token is not null)
        {
            request.Headers.Add("X-API-Token", token);
        }

        using var response = await server.Client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return
        [
            .. body.RootElement.GetProperty("panels").EnumerateObject().Select(p => new ShownPanel(
                p.Name,
                p.Value.GetProperty("title").GetString()!,
                [.. p.Value.GetProperty("lines").EnumerateArray().Select(l => l.GetString()!)])),
        ];
    }
}
