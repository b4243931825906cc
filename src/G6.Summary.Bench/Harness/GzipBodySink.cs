using System.IO.Compression;

namespace G6.Summary.Bench.Harness;

/// <summary>
/// Inflates a <c>Content-Encoding: gzip</c> body as it arrives and hands the plain bytes on, as a browser
/// does: every byte that can be decoded from what came is decoded now, so an event flushed whole by the
/// server is dispatched on the read that brought its last byte. One inflater per stream (the client's
/// side of compression does keep state: the runtime's zlib stream with its 32 KB window).
/// </summary>
public sealed class GzipBodySink : IBodySink, IDisposable
{
    // Decoding runs on the thread that read the socket and ends before it returns: one buffer per thread.
    [ThreadStatic]
    private static byte[]? _plain;

    private readonly IBodySink _next;
    private readonly Source _input = new();
    private readonly GZipStream _gzip;

    public GzipBodySink(IBodySink next)
    {
        _next = next;
        _gzip = new GZipStream(_input, CompressionMode.Decompress);
    }

    /// <summary>Compressed bytes received (the wire side, without the HTTP framing).</summary>
    public long CompressedBytes { get; private set; }

    /// <summary>Plain bytes decoded from them.</summary>
    public long PlainBytes { get; private set; }

    /// <exception cref="InvalidDataException">The body is not valid gzip.</exception>
    public void Feed(ReadOnlySpan<byte> input)
    {
        CompressedBytes += input.Length;
        var plain = _plain ??= new byte[16 * 1024];
        _input.Set(input);
        try
        {
            // The inflater asks its source until the source has nothing left and nothing more comes out.
            int read;
            while ((read = _gzip.Read(plain)) > 0)
            {
                PlainBytes += read;
                _next.Feed(plain.AsSpan(0, read));
            }
        }
        finally
        {
            _input.Clear();
        }
    }

    public void Dispose() => _gzip.Dispose();

    /// <summary>
    /// The inflater's source: a copy of the current <see cref="Feed(ReadOnlySpan{byte})"/>'s bytes only (in a
    /// buffer of the reading thread). It reports "no more" (0) when they are used up, which the runtime's
    /// inflater takes as "nothing yet": it asks again on the next read, so one inflater serves the whole body.
    /// </summary>
    private sealed class Source : Stream
    {
        [ThreadStatic]
        private static byte[]? _copy;

        private byte[] _bytes = [];
        private int _at;
        private int _end;

        public void Set(ReadOnlySpan<byte> input)
        {
            var copy = _copy is { } c && c.Length >= input.Length ? c : _copy = new byte[Math.Max(64 * 1024, input.Length)];
            input.CopyTo(copy);
            _bytes = copy;
            _at = 0;
            _end = input.Length;
        }

        public void Clear()
        {
            _bytes = [];
            _at = _end = 0;
        }

        public override int Read(Span<byte> buffer)
        {
            var n = Math.Min(buffer.Length, _end - _at);
            _bytes.AsSpan(_at, n).CopyTo(buffer);
            _at += n;
            return n;
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
