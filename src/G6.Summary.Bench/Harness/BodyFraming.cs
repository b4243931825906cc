namespace G6.Summary.Bench.Harness;

/// <summary>How an HTTP/1.x response body ends.</summary>
public enum BodyFraming
{
    /// <summary>No length and no chunking: the body is everything until the server closes.</summary>
    UntilClose,

    /// <summary><c>Transfer-Encoding: chunked</c>, ended by a zero-size chunk.</summary>
    Chunked,

    /// <summary>Exactly <c>Content-Length</c> bytes.</summary>
    ContentLength,
}
