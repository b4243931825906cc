using System.Text.Json.Serialization;

namespace G6.Summary.Bench.Harness;

/// <summary>Source-generated JSON for the harness's reports: snake_case, indented, nulls kept (absent figures say so).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(BenchReport))]
[JsonSerializable(typeof(ScenarioReport))]
[JsonSerializable(typeof(StallReport))]
public sealed partial class BenchJsonContext : JsonSerializerContext;
