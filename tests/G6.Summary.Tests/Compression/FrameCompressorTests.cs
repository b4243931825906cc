using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using System.IO.Pipelines;
using System.Text;
using G6.Summary.Compression;
using G6.Summary.Metrics;

namespace G6.Summary.Tests.Compression;

/// <summary>
/// <see cref="FrameCompressor"/>'s pieces, a stream's own header and end (<see cref="GzipFraming"/>,
/// <see cref="GzipChecksum"/>), checked with the runtime's own gzip decoder.
/// </summary>
public sealed class FrameCompressorTests
{
    private static readonly byte[] SyncFlushMarker = [0x00, 0x00, 0xFF, 0xFF];

    private readonly PrometheusSummaryMetrics _metrics = new(Prometheus.Metrics.NewCustomRegistry());

    private static byte[] Frame(int seq, int panels = 3) => Encoding.UTF8.GetBytes(
        $"id: e1-{seq}\nevent: panel_update\ndata: {{\"seq\":{seq},\"updates\":[" +
        string.Join(",", Enumerable.Range(0, panels).Select(p => $"{{\"key\":\"p{p}\",\"lines\":[\"CPU: {seq * 1.5 + p}%\",\"RSS: {seq * 7 + p} MB\"]}}")) +
        "]}\n\n");

    [Theory]
    [InlineData(1)]
    [InlineData(20)]
    [InlineData(2000)]
    public void Compress_Frame_EndsWithSyncFlushMarkerAndCarriesCrcAndLength(int panels)
    {
        var compressor = new FrameCompressor(_metrics);
        var plain = Frame(1, panels);
        var piece = compressor.Compress(plain);

        Assert.Equal(SyncFlushMarker, piece.Bytes[^4..]);
        Assert.Equal(Crc32.HashToUInt32(plain), piece.Crc);
        Assert.Equal(plain.Length, piece.PlainLength);

        // On its own it is raw deflate holding every plain byte (that no block is the last one is what lets
        // pieces follow each other: Pieces_AfterHeaderWithChecksumEnd_… decodes several in a row).
        Assert.Equal(plain, Inflate(piece.Bytes));
    }

    [Fact]
    public void Pieces_AfterHeaderWithChecksumEnd_DecodeWithGZipStreamToTheConcatenatedFrames()
    {
        var compressor = new FrameCompressor(_metrics);
        var frames = new[] { "retry: 3000\n\n"u8.ToArray(), Frame(1, 10), ": keepalive\n\n"u8.ToArray(), Frame(2), Frame(3, 400), Frame(4) };
        var body = new MemoryStream();
        body.Write(GzipFraming.Header.Span);
        var checksum = default(GzipChecksum);
        foreach (var frame in frames)
        {
            var piece = compressor.Compress(frame);
            body.Write(piece.Bytes);
            checksum.Add(piece);
        }

        body.Write(checksum.End());

        var expected = frames.SelectMany(f => f).ToArray();
        Assert.Equal(expected, Gunzip(body.ToArray()));
        Assert.Equal(frames.Length, compressor.Compressions);
    }

    [Fact]
    public void Pieces_InAnyOrderOrRepeated_DecodeToThoseFramesInThatOrder()
    {
        // One piece sent to many streams, each at its own point: no piece may depend on what came before it.
        var compressor = new FrameCompressor(_metrics);
        var pieces = Enumerable.Range(1, 5).Select(i => (Plain: Frame(i, i * 3), Piece: compressor.Compress(Frame(i, i * 3)))).ToArray();
        var random = new Random(11);
        for (var trial = 0; trial < 10; trial++)
        {
            var order = Enumerable.Range(0, 8).Select(_ => pieces[random.Next(pieces.Length)]).ToArray();
            var body = new MemoryStream();
            body.Write(GzipFraming.Header.Span);
            var checksum = default(GzipChecksum);
            foreach (var (_, piece) in order)
            {
                body.Write(piece.Bytes);
                checksum.Add(piece);
            }

            body.Write(checksum.End());
            Assert.Equal(order.SelectMany(o => o.Plain).ToArray(), Gunzip(body.ToArray()));
        }
    }

    [Fact]
    public void End_NothingSent_IsAnEmptyGzipMember()
    {
        var body = GzipFraming.Header.ToArray().Concat(default(GzipChecksum).End()).ToArray();
        Assert.Empty(Gunzip(body));
        Assert.Equal(new byte[] { 0x03, 0x00, 0, 0, 0, 0, 0, 0, 0, 0 }, default(GzipChecksum).End());
    }

    [Fact]
    public void End_WrongChecksum_RefusedByTheDecoder()
    {
        // The decoder the other tests rely on does check the trailer: a body whose CRC is off by a bit fails.
        var compressor = new FrameCompressor(_metrics);
        var piece = compressor.Compress(Frame(1));
        var checksum = default(GzipChecksum);
        checksum.Add(piece);
        var end = checksum.End();
        end[2] ^= 1;
        var body = GzipFraming.Header.ToArray().Concat(piece.Bytes).Concat(end).ToArray();
        Assert.Throws<InvalidDataException>(() => Gunzip(body));
    }

    [Fact]
    public void End_TrailerIsCrcAndLengthOfEverythingSent()
    {
        var compressor = new FrameCompressor(_metrics);
        var frames = Enumerable.Range(1, 50).Select(i => Frame(i, i)).ToArray();
        var checksum = default(GzipChecksum);
        foreach (var frame in frames)
        {
            checksum.Add(compressor.Compress(frame));
        }

        var all = frames.SelectMany(f => f).ToArray();
        var end = checksum.End();
        Assert.Equal(new byte[] { 0x03, 0x00 }, end[..2]);
        Assert.Equal(Crc32.HashToUInt32(all), BinaryPrimitives.ReadUInt32LittleEndian(end.AsSpan(2)));
        Assert.Equal((uint)all.Length, BinaryPrimitives.ReadUInt32LittleEndian(end.AsSpan(6)));
    }

    [Fact]
    public async Task Pieces_EachDecodableBeforeTheNextIsWritten()
    {
        // A decoder fed the header and one piece at a time hands out that piece's every byte before the next exists.
        var compressor = new FrameCompressor(_metrics);
        var pipe = new Pipe();
        await using var gzip = new GZipStream(pipe.Reader.AsStream(), CompressionMode.Decompress);
        await pipe.Writer.WriteAsync(GzipFraming.Header);
        for (var seq = 1; seq <= 5; seq++)
        {
            var plain = Frame(seq, seq * 5);
            await pipe.Writer.WriteAsync(compressor.Compress(plain).Bytes);
            var read = new byte[plain.Length];
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await gzip.ReadExactlyAsync(read, timeout.Token);
            Assert.Equal(plain, read);
        }
    }

    [Fact]
    public void PieceFor_ManyThreadsAtOnce_CompressesOnce()
    {
        var compressor = new FrameCompressor(_metrics);

        // Large enough that compressing takes milliseconds: every thread arrives while the first is still at it.
        var plain = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 60_000).Select(i => $"line {i * 7919 % 100_003};")));
        var frame = new WireConstant(plain);
        const int Threads = 16;
        var pieces = new GzipPiece[Threads];
        using var start = new Barrier(Threads);
        var threads = Enumerable.Range(0, Threads).Select(i => new Thread(() =>
        {
            start.SignalAndWait();
            pieces[i] = frame.Gzipped(compressor);
        })).ToArray();
        foreach (var thread in threads)
        {
            thread.Start();
        }

        foreach (var thread in threads)
        {
            Assert.True(thread.Join(TimeSpan.FromSeconds(30)), "a compressing thread did not finish");
        }

        Assert.Equal(1, compressor.Compressions);
        Assert.All(pieces, p => Assert.Same(pieces[0], p));
        Assert.Equal(plain, Inflate(pieces[0].Bytes));

        // Later calls return the kept piece.
        Assert.Same(pieces[0], frame.Gzipped(compressor));
        Assert.Equal(1, compressor.Compressions);
    }

    [Fact]
    public async Task Compress_CountedInMetrics_PlainAndGzipBytes()
    {
        var compressor = new FrameCompressor(_metrics);
        var a = Frame(1, 50);
        var b = Frame(2, 50);
        var pa = compressor.Compress(a);
        var pb = compressor.Compress(b);

        using var text = new MemoryStream();
        await _metrics.Registry.CollectAndExportAsTextAsync(text);
        var exposition = Encoding.UTF8.GetString(text.ToArray());
        Assert.Contains("g6_sse_compressions_total 2\n", exposition, StringComparison.Ordinal);
        Assert.Contains($"g6_sse_compression_bytes_total{{stage=\"plain\"}} {a.Length + b.Length}\n", exposition, StringComparison.Ordinal);
        Assert.Contains($"g6_sse_compression_bytes_total{{stage=\"gzip\"}} {pa.Bytes.Length + pb.Bytes.Length}\n", exposition, StringComparison.Ordinal);
        Assert.True(pa.Bytes.Length < a.Length / 2, $"a repetitive frame compresses: {pa.Bytes.Length} of {a.Length} bytes");
    }

    private static byte[] Inflate(byte[] raw)
    {
        using var deflate = new DeflateStream(new MemoryStream(raw), CompressionMode.Decompress);
        using var plain = new MemoryStream();
        deflate.CopyTo(plain);
        return plain.ToArray();
    }

    private static byte[] Gunzip(byte[] body)
    {
        using var gzip = new GZipStream(new MemoryStream(body), CompressionMode.Decompress);
        using var plain = new MemoryStream();
        gzip.CopyTo(plain);
        return plain.ToArray();
    }
}
