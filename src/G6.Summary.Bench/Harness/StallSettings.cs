namespace G6.Summary.Bench.Harness;

/// <summary>The fixed settings of a <c>bench stall</c> run, as used.</summary>
public sealed record StallSettings(
    double RatePerSec,
    int Indices,
    int QueueMax,
    double StallSec,
    double WriteTimeoutSec,
    int ReceiveBufferBytes,
    long? GuardPages,
    double FlowRatePerSec,
    double FlowDurationSec,
    IReadOnlyDictionary<string, string> ServerSettings);
