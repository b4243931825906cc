using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace G6.Summary.Bench.Harness;

/// <summary>
/// A fast-moving status file for <c>bench stall</c>: a nested-schema status with
/// <see cref="Indices"/> indices whose prices all move on every write, rewritten
/// <see cref="RatePerSec"/> times a second (temp file and rename, as the platform's collector does).
/// Each write changes the indices panel (one row per index) and the loop panel, so each cycle of a
/// server following the file publishes one <c>panel_update</c> whose size grows with the indices:
/// 32 give about 3 KB, the size of the events in the slow-reader report (issue #12).
/// </summary>
/// <remarks>
/// The demo source's busy profile publishes about 1.6 KB a cycle, and its size cannot be chosen; a file
/// is the service's ordinary input, so the server under test runs exactly as it does in production.
/// </remarks>
public sealed class StatusFeed : IAsyncDisposable
{
    private readonly string _path;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _writes;

    private StatusFeed(string path, int indices, double ratePerSec)
    {
        _path = path;
        Indices = indices;
        RatePerSec = ratePerSec;
        _loop = RunAsync();
    }

    public int Indices { get; }

    public double RatePerSec { get; }

    /// <summary>Status documents written so far.</summary>
    public long Writes => Interlocked.Read(ref _writes);

    /// <summary>Writes the first status at once (so a server started next finds it), then keeps writing until disposed.</summary>
    public static StatusFeed Start(string path, int indices, double ratePerSec)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(indices);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ratePerSec);
        WriteAtomically(path, Document(indices, 0));
        return new StatusFeed(path, indices, ratePerSec);
    }

    /// <summary>The status document of write number <paramref name="write"/>: every index's price differs from the last write's.</summary>
    public static byte[] Document(int indices, long write)
    {
        var buffer = new ArrayBufferWriter<byte>(256 + (indices * 200));
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("app");
            json.WriteString("name", "G6 Platform (bench feed)");
            json.WriteString("version", "bench");
            json.WriteEndObject();
            json.WriteStartObject("market");
            json.WriteString("status", "OPEN");
            json.WriteEndObject();
            json.WriteStartObject("loop");
            json.WriteNumber("cycle", write + 1);
            json.WriteEndObject();

            json.WriteStartObject("indices");
            for (var i = 0; i < indices; i++)
            {
                json.WriteStartObject(Name(i));
                json.WriteNumber("ltp", Price(i, write));
                json.WriteNumber("change", Math.Round((write % 200) / 100.0, 2));
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteStartObject("indices_detail");
            for (var i = 0; i < indices; i++)
            {
                json.WriteStartObject(Name(i));
                json.WriteString("status", "ok");
                json.WriteNumber("ltp", Price(i, write));
                json.WriteNumber("age_sec", write % 6);
                json.WriteNumber("legs", 1000 + (write * 7) + i);
                json.WriteStartObject("dq");
                json.WriteNumber("score_percent", 90 + (write % 10));
                json.WriteNumber("issues_total", 0);
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private static string Name(int i) => "IDX" + i.ToString("00", CultureInfo.InvariantCulture);

    // A whole cent more per write: the row's text changes every time, so the panel does too.
    private static double Price(int i, long write) => 20_000 + (i * 100) + ((write % 100_000) / 100.0);

    private static void WriteAtomically(string path, byte[] content)
    {
        // No fsync (StatusFileWriter makes one per write): at 100 writes a second it would load the
        // shared disk, and a crash of a benchmark loses nothing. The rename keeps every read whole.
        var temp = path + ".tmp";
        File.WriteAllBytes(temp, content);
        File.Move(temp, path, overwrite: true);
    }

    private async Task RunAsync()
    {
        // Leave Start before the first tick.
        await Task.Yield();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1 / RatePerSec));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                try
                {
                    WriteAtomically(_path, Document(Indices, Interlocked.Increment(ref _writes)));
                }
                catch (IOException)
                {
                    // A reader had the file open in a way that blocked the rename: the next tick writes again.
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed: the run is over.
        }
    }
}
