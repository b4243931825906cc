namespace G6.Summary.Bench.Harness;

/// <summary>What the streams cost on the wire over the measurement window.</summary>
/// <param name="AcceptEncoding">What the harness asked for: <c>gzip</c>, or <c>identity</c> (no <c>Accept-Encoding</c>).</param>
/// <param name="GzipStreams">Streams whose response was <c>Content-Encoding: gzip</c>.</param>
/// <param name="WindowBytes">Bytes received from the sockets during the window, all streams (HTTP framing included).</param>
/// <param name="BytesPerEvent">Those bytes per event received in the window (events besides hello and full_snapshot).</param>
public sealed record WireStats(string AcceptEncoding, int GzipStreams, long WindowBytes, double? BytesPerEvent);
