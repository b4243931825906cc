using System.Text;

namespace G6.Summary.Tests.Hardening;

/// <summary>
/// A deterministic corpus of hostile and malformed HTTP/1.1 requests: wrong methods and versions,
/// traversal paths and their encodings, oversized, duplicated and broken headers (CR, LF, NUL,
/// invalid UTF-8), absurd Last-Event-ID and query values, wrong and partial tokens, bodies on GET.
/// Half of the requests carry the right token so the checks behind admission are reached too.
/// </summary>
internal static class HostileRequestCorpus
{
    private static readonly string[] Methods =
        ["GET", "GET", "GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE", "CONNECT", "get", "G ET", "FOO", new string('M', 300)];

    private static readonly string[] Paths =
    [
        "/summary/events", "/summary/resync", "/summary/health", "/metrics", "/", "/summary", "/summary/events/",
        "//summary//events", "/summary/../metrics", "/summary/./resync", "/%2e%2e/%2e%2e/etc/passwd", "/summary/%2e%2e/metrics",
        "/..%2f..%2fetc%2fpasswd", "/summary/events%00", "/summary/events%0d%0aX-Injected:%201", "/%ff%fe%fd",
        "/summary/resync?panels=indices", "/summary/resync?panels=" + new string(',', 3000), "/summary/resync?panels=%00%01",
        "/summary/resync?panels=../../etc/passwd", "/summary/resync?" + string.Join("&", Enumerable.Repeat("panels=a", 400)),
        "/summary/events?lastEventId=abc-1", "/SUMMARY/EVENTS", "/summary/events;jsessionid=1", "*", "http://evil.example/summary/events",
        "/" + new string('a', 9000),
    ];

    private static readonly string[] LastEventIds =
    [
        "-1", "0-0", "abc-", "-", "--", "../../etc-1", "ffffffff-99999999999999999999", "e-1e9", "e-NaN", "e--5",
        new string('9', 4000), "a-1,b-2", "\t", "e-1 ", "é-1",
    ];

    // Mostly well-formed versions, so most requests get past the parser to routing and admission.
    private static readonly string[] Versions =
        [.. Enumerable.Repeat("HTTP/1.1", 12), "HTTP/1.0", "HTTP/2.0", "HTTP/9.9", "HTTP/1.1x", "", "JUNK/1.1"];

    public static IEnumerable<byte[]> Generate(int count, string validToken, int seed = 20251003)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            yield return Build(random, validToken, i);
        }
    }

    private static byte[] Build(Random random, string token, int index)
    {
        var method = Pick(random, Methods);
        var path = Pick(random, Paths);
        var version = Pick(random, Versions);
        var lines = new List<byte[]> { Latin1($"{method} {path} {version}") };
        if (random.Next(10) > 0)
        {
            lines.Add(Latin1("Host: 127.0.0.1"));
        }

        // Token: right (half the time), absent, wrong, a prefix, the token with a suffix, or twice.
        switch (random.Next(8))
        {
            case 0 or 1 or 2 or 3:
                lines.Add(Latin1($"X-API-Token: {token}"));
                break;
            case 4:
                lines.Add(Latin1($"X-API-Token: {token[..random.Next(1, token.Length)]}"));
                break;
            case 5:
                lines.Add(Latin1($"X-API-Token: {token}x"));
                break;
            case 6:
                lines.Add(Latin1($"X-API-Token: {token}"));
                lines.Add(Latin1($"X-API-Token: {token}"));
                break;
            default:
                break;
        }

        var mutations = random.Next(0, 4);
        for (var m = 0; m < mutations; m++)
        {
            lines.AddRange(Mutation(random, index));
        }

        if (random.Next(4) == 0)
        {
            lines.Add(Latin1($"Last-Event-ID: {Pick(random, LastEventIds)}"));
        }

        lines.Add(Latin1("Connection: close"));
        var request = new List<byte>();
        foreach (var line in lines)
        {
            request.AddRange(line);
            request.AddRange("\r\n"u8.ToArray());
        }

        request.AddRange("\r\n"u8.ToArray());
        if (random.Next(12) == 0)
        {
            request.AddRange("unexpected body bytes"u8.ToArray());
        }

        return [.. request];
    }

    private static IEnumerable<byte[]> Mutation(Random random, int index) => random.Next(16) switch
    {
        0 => [Latin1($"X-Big: {new string('A', random.Next(4_000, 24_000))}")],
        1 => Enumerable.Range(0, random.Next(40, 90)).Select(i => Latin1($"X-Many-{i}: v")),
        2 => [Latin1("Host: second.example")],
        3 => [[.. Encoding.ASCII.GetBytes("X-CR: a"), 0x0D, .. Encoding.ASCII.GetBytes("b")]],
        4 => [[.. Encoding.ASCII.GetBytes("X-LF: a"), 0x0A, .. Encoding.ASCII.GetBytes("Injected: yes")]],
        5 => [[.. Encoding.ASCII.GetBytes("X-Nul: a"), 0x00, .. Encoding.ASCII.GetBytes("b")]],
        6 => [[.. Encoding.ASCII.GetBytes("X-Utf8: "), 0xC3, 0x28, 0xFF, 0xFE, 0xE2, 0x82]],
        7 => [Latin1(" folded-continuation-line")],
        8 => [Latin1("NoColonHeader")],
        9 => [Latin1(": empty-name")],
        10 => [Latin1("Content-Length: " + Pick(random, ["5", "-1", "99999999999999999999", "abc", "0, 5"]))],
        11 => [Latin1("Transfer-Encoding: " + Pick(random, ["chunked", "gzip, chunked", "identity", "chunked\t"]))],
        12 => [Latin1("X-Request-ID: " + Pick(random, ["ok-id", new string('r', 500), "bad id", "%0d%0a", $"id-{index}"]))],
        13 => [Latin1("User-Agent: " + Pick(random, ["", new string('u', 8000), "Mozilla/5.0", "() { :; }; echo pwned"]))],
        14 => [Latin1("X-Forwarded-For: " + Pick(random, ["10.0.0.1", "not-an-ip", "1.1.1.1, 2.2.2.2, ::1", new string('9', 2000)]))],
        _ => [Latin1("Authorization: Bearer " + Pick(random, ["x", "", new string('t', 3000)]))],
    };

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private static byte[] Latin1(string text) => Encoding.Latin1.GetBytes(text);
}
