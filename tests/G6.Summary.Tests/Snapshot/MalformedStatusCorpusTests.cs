using System.Text;
using System.Text.Json.Nodes;
using G6.Summary.Panels;
using G6.Summary.Snapshot;
using G6.Summary.Status;
using G6.Summary.Tests.Panels;
using G6.Summary.Tests.TestSupport;

namespace G6.Summary.Tests.Snapshot;

/// <summary>
/// Thousands of broken status files, generated from the real fixtures. For each: the reader does not throw,
/// gives the expected outcome, and when it is fresh every panel builds and is safe to frame and draw.
/// </summary>
public sealed class MalformedStatusCorpusTests
{
    private const string Fresh = "fresh";

    private static readonly PanelRegistry Registry = PanelRegistry.CreateDefault();

    private static readonly Func<JsonNode?>[] Replacements =
    [
        () => null,
        () => JsonValue.Create("abc"),
        () => JsonValue.Create(-12345.678),
        () => JsonValue.Create(true),
        () => new JsonArray(1, "x", null),
        () => new JsonObject { ["k"] = "v", ["n"] = 1 },
    ];

    [Fact]
    public void Read_TruncatedPrefixesOfEveryFixture_FailCleanly()
    {
        var cases = new List<Case>();
        foreach (var name in Fixtures.StatusFileNames)
        {
            var full = Fixtures.ReadStatus(name);
            var complete = Encoding.UTF8.GetString(full).TrimEnd();
            for (var length = 0; length < full.Length; length++)
            {
                var prefix = full[..length];
                var text = Encoding.UTF8.GetString(prefix);
                var expected = string.IsNullOrWhiteSpace(text) ? StatusReadFailureReasons.Empty
                    : text.TrimEnd() == complete ? Fresh
                    : StatusReadFailureReasons.InvalidJson;
                cases.Add(new Case($"{name}[..{length}]", prefix, expected));
            }
        }

        Assert.True(cases.Count > 5000);
        AssertAll(cases);
    }

    [Fact]
    public void Read_EveryNodeOfEveryFixtureReplaced_IsFreshAndBuildsCleanPanels()
    {
        var cases = new List<Case>();
        foreach (var name in Fixtures.StatusFileNames)
        {
            var text = Encoding.UTF8.GetString(Fixtures.ReadStatus(name));
            var paths = NodePaths(JsonNode.Parse(text)!).ToList();
            foreach (var path in paths)
            {
                for (var r = 0; r < Replacements.Length; r++)
                {
                    var root = JsonNode.Parse(text)!;
                    Replace(root, path, Replacements[r]());
                    cases.Add(new Case($"{name} {string.Join('/', path)} -> #{r}", Encoding.UTF8.GetBytes(root.ToJsonString()), Fresh));
                }
            }
        }

        Assert.True(cases.Count > 1000, $"only {cases.Count} cases");
        AssertAll(cases);
    }

    [Fact]
    public void Read_HandWrittenHostileInputs_BehaveAsExpected()
    {
        var runtime = Encoding.UTF8.GetString(Fixtures.ReadStatus("runtime_status.json"));
        var huge = new string('x', 1_000_000);
        string[] nasty =
        [
            "a\\r\\nb", "tab\\there", "nul\\u0000byte", "esc\\u001b[31mred", "del\\u007f", "c1\\u0085next",
            "ls\\u2028ps\\u2029", "bidi\\u202eevil", "lone \\ud800 high", "lone \\udc00 low", "pair \\ud83d\\ude00 ok",
            "emoji 😀 ok", huge,
        ];

        var cases = new List<Case>
        {
            new("root array", "[1,2]"u8.ToArray(), StatusReadFailureReasons.NotAnObject),
            new("root string", "\"x\""u8.ToArray(), StatusReadFailureReasons.NotAnObject),
            new("root number", "1.5"u8.ToArray(), StatusReadFailureReasons.NotAnObject),
            new("root null", "null"u8.ToArray(), StatusReadFailureReasons.NotAnObject),
            new("deep object", Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", 500)) + "1" + new string('}', 500)), StatusReadFailureReasons.InvalidJson),
            new("deep array", Encoding.UTF8.GetBytes("{\"a\":" + new string('[', 100_000)), StatusReadFailureReasons.InvalidJson),
            new("NaN literal", "{\"loop\": {\"cycle\": NaN}}"u8.ToArray(), StatusReadFailureReasons.InvalidJson),
            new("Infinity literal", "{\"loop\": {\"cycle\": -Infinity}}"u8.ToArray(), StatusReadFailureReasons.InvalidJson),
            new("raw newline in string", "{\"app\": {\"name\": \"a\nb\"}}"u8.ToArray(), StatusReadFailureReasons.InvalidJson),
            new("raw control in string", "{\"app\": {\"name\": \"a\u0001b\"}}"u8.ToArray(), StatusReadFailureReasons.InvalidJson),
            new("invalid utf8 between tokens", [(byte)'{', 0xFF, (byte)'}'], StatusReadFailureReasons.InvalidJson),
            new("invalid utf8 in value", [.. "{\"app\": {\"name\": \""u8, 0xC3, 0x28, 0xFF, .. "\"}}"u8], Fresh),
            new("invalid utf8 in index name", [.. "{\"indices\": {\""u8, 0xED, 0xA0, 0x80, .. "\": {\"ltp\": 1}}, \"cycle\": 1}"u8], Fresh),
            new("overlong utf8 in key", [.. "{\"health\": {\""u8, 0xC0, 0xAF, .. "\": \"ok\"}}"u8], Fresh),
            new("bom", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(runtime)], Fresh),
            new("bom only", [0xEF, 0xBB, 0xBF], StatusReadFailureReasons.Empty),
            new("half bom", [0xEF, 0xBB, .. Encoding.UTF8.GetBytes(runtime)], StatusReadFailureReasons.InvalidJson),
            new("NaN strings", "{\"loop\": {\"cycle\": \"NaN\", \"success_rate\": \"Infinity\"}, \"memory_mb\": \"-inf\"}"u8.ToArray(), Fresh),
            new("many indices", Encoding.UTF8.GetBytes("{\"indices\": [" + string.Join(",", Enumerable.Range(0, 500).Select(i => $"\"IDX{i}\"")) + "]}"), Fresh),
            new("duplicate keys", "{\"loop\": {\"cycle\": 1, \"cycle\": \"x\"}, \"loop\": 5}"u8.ToArray(), Fresh),
            new("whitespace padding", Encoding.UTF8.GetBytes("\r\n\t " + runtime + "\n\n\t "), Fresh),
        };

        foreach (var (value, i) in nasty.Select((v, i) => (v, i)))
        {
            var json = """
                {"app": {"name": "@V", "host": "@V", "version": "@V"},
                 "market": {"status": "@V", "segment": "@V"},
                 "loop": {"cycle": "@V"},
                 "indices": {"@V": {"ltp": 1, "change": "@V"}},
                 "indices_detail": {"@V": {"status": "@V"}},
                 "health": {"@V": "@V", "x": {"status": "@V", "last_check": "@V"}},
                 "sinks": {"@V": {"last_write": "@V"}},
                 "alerts": [{"severity": "@V", "message": "@V", "index": "@V", "time": "@V"}],
                 "links": {"@V": "@V"},
                 "analytics": {"pcr": "@V", "max_pain": {"@V": 1}},
                 "provider": {"name": "@V", "auth": {"valid": "@V", "expiry": "@V"}},
                 "config": {"env": "@V"}, "readiness_reason": "@V"}
                """.Replace("@V", value, StringComparison.Ordinal);
            cases.Add(new Case($"nasty string #{i}", Encoding.UTF8.GetBytes(json), Fresh));
        }

        AssertAll(cases);
    }

    private static void AssertAll(List<Case> cases)
    {
        var problems = new List<string>();
        foreach (var @case in cases)
        {
            StatusReading reading;
            try
            {
                reading = StatusSnapshotReader.Read(@case.Bytes);
            }
            catch (Exception ex)
            {
                problems.Add($"{@case.Name}: threw {ex.GetType().Name}");
                continue;
            }

            var actual = reading.Outcome == StatusReadOutcome.Fresh ? Fresh : reading.Failure?.Reason;
            if (actual != @case.Expected)
            {
                problems.Add($"{@case.Name}: expected {@case.Expected}, got {actual} ({reading.Failure?.Message})");
                continue;
            }

            if (reading.Failure is { } failure && (failure.Message.Length > 120 || failure.Message.Any(char.IsControl)))
            {
                problems.Add($"{@case.Name}: message \"{failure.Message}\"");
            }

            if (reading.Snapshot is { } snapshot && PanelAssertions.FindProblem(Registry.BuildAll(snapshot)) is { } problem)
            {
                problems.Add($"{@case.Name}: {problem}");
            }
        }

        Assert.True(problems.Count == 0, $"{problems.Count} of {cases.Count} cases failed:\n{string.Join('\n', problems.Take(20))}");
    }

    // Paths (object keys and array positions) to every node below the root.
    private static IEnumerable<object[]> NodePaths(JsonNode node, object[]? prefix = null)
    {
        prefix ??= [];
        if (node is JsonObject obj)
        {
            foreach (var (key, child) in obj)
            {
                object[] path = [.. prefix, key];
                yield return path;
                if (child is not null)
                {
                    foreach (var inner in NodePaths(child, path))
                    {
                        yield return inner;
                    }
                }
            }
        }
        else if (node is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                object[] path = [.. prefix, i];
                yield return path;
                if (array[i] is { } child)
                {
                    foreach (var inner in NodePaths(child, path))
                    {
                        yield return inner;
                    }
                }
            }
        }
    }

    private static void Replace(JsonNode root, object[] path, JsonNode? replacement)
    {
        var parent = root;
        foreach (var step in path[..^1])
        {
            parent = step is string key ? parent[key]! : parent[(int)step]!;
        }

        if (path[^1] is string last)
        {
            parent[last] = replacement;
        }
        else
        {
            parent[(int)path[^1]] = replacement;
        }
    }

    private sealed record Case(string Name, byte[] Bytes, string Expected);
}
