namespace G6.Summary.Publishing.Payloads;

/// <summary>
/// The <c>transport</c> object of the health body: whether plain event streams take the direct path, and
/// why not (<c>direct_streams_off</c>, e.g. <c>G6_SSE_DIRECT_STREAMS=0</c>) when they go through Kestrel's HTTP layer.
/// </summary>
public sealed record TransportHealth(bool DirectStreams, string? DirectStreamsOff);
