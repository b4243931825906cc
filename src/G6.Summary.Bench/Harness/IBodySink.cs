namespace G6.Summary.Bench.Harness;

/// <summary>Takes a response body's bytes as they arrive, split anywhere (the event parser, or an inflater in front of it).</summary>
public interface IBodySink
{
    void Feed(ReadOnlySpan<byte> input);
}
