namespace G6.Summary.Bench.Harness;

/// <summary>One step of <c>bench stall</c>: a fresh server with one send-buffer variant, and either a stall or a flow.</summary>
/// <param name="Variant">How the step names its variant: <c>default</c>, <c>autotuning</c> (0) or the bytes asked.</param>
/// <param name="SendBufferBytes">The <c>G6_SSE_SEND_BUFFER_BYTES</c> given to the server; null for its default.</param>
/// <param name="LoadAverage">The machine's 1-minute load average as the step began (others share these cores).</param>
public sealed record StallStep(
    string Name,
    string Variant,
    int? SendBufferBytes,
    double? LoadAverage,
    StallResult? Stall,
    ScenarioStep? Flow);
