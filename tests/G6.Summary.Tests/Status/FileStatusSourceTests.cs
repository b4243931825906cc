using System.Text;
using G6.Summary.Bench.Simulation;
using G6.Summary.Status;
using G6.Summary.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace G6.Summary.Tests.Status;

/// <summary>
/// Change detection must not depend on the watcher's timing, so every write here also sets an explicit,
/// ever-later last-write time: the stat comparison alone must see each change. The watcher can only add
/// extra reads, which the content hash turns into "unchanged".
/// </summary>
public sealed class FileStatusSourceTests : IDisposable
{
    private const long MaxBytes = 64 * 1024;

    private readonly TempDirectory _temp = new();
    private readonly FakeTimeProvider _clock = new();
    private DateTime _mtime = new(2025, 10, 17, 9, 0, 0, DateTimeKind.Utc);

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task ReadAsync_FileLifecycle_ReportsEachStateAndRecovers()
    {
        var path = _temp.File("status.json");
        using var source = CreateSource(path);
        var valid = Fixtures.ReadStatus("runtime_status.json");

        await AssertFailed(source, StatusReadFailureReasons.Missing);

        Write(path, []);
        await AssertFailed(source, StatusReadFailureReasons.Empty);

        Write(path, valid[..(valid.Length / 2)]);
        await AssertFailed(source, StatusReadFailureReasons.InvalidJson);

        Write(path, valid);
        var fresh = await source.ReadAsync(CancellationToken.None);
        Assert.Equal(StatusReadOutcome.Fresh, fresh.Outcome);
        Assert.Equal(40105, fresh.Snapshot!.Loop.Cycle);

        Assert.Equal(StatusReadOutcome.Unchanged, (await source.ReadAsync(CancellationToken.None)).Outcome);

        Write(path, valid);
        Assert.Equal(StatusReadOutcome.Unchanged, (await source.ReadAsync(CancellationToken.None)).Outcome);

        var changed = Fixtures.ReadStatus("runtime_status_demo_inject.json");
        Write(path, changed);
        var second = await source.ReadAsync(CancellationToken.None);
        Assert.Equal(StatusReadOutcome.Fresh, second.Outcome);
        Assert.Equal(10624, second.Snapshot!.Loop.Cycle);

        Write(path, [.. changed, .. new byte[MaxBytes]]);
        await AssertFailed(source, StatusReadFailureReasons.TooLarge);

        Write(path, valid);
        var recovered = await source.ReadAsync(CancellationToken.None);
        Assert.Equal(StatusReadOutcome.Fresh, recovered.Outcome);
        Assert.Equal(40105, recovered.Snapshot!.Loop.Cycle);
    }

    [Fact]
    public async Task ReadAsync_SameContentAfterFailure_IsUnchanged()
    {
        var path = _temp.File("status.json");
        using var source = CreateSource(path);
        var valid = Fixtures.ReadStatus("quick_status.json");

        Write(path, valid);
        Assert.Equal(StatusReadOutcome.Fresh, (await source.ReadAsync(CancellationToken.None)).Outcome);
        Write(path, "{\"cyc"u8.ToArray());
        await AssertFailed(source, StatusReadFailureReasons.InvalidJson);

        // The last good snapshot is still the current one, so nothing new is reported.
        Write(path, valid);
        Assert.Equal(StatusReadOutcome.Unchanged, (await source.ReadAsync(CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task ReadAsync_FailedRead_IsRetriedEvenIfStampDoesNotMove()
    {
        var path = _temp.File("status.json");
        using var source = CreateSource(path);
        var stamp = _mtime;

        Write(path, "{\"cycle\": 1,"u8.ToArray());
        File.SetLastWriteTimeUtc(path, stamp);
        await AssertFailed(source, StatusReadFailureReasons.InvalidJson);

        // Finished within the same timestamp tick and at the same length: only the retry rule finds it.
        Write(path, "{\"cycle\": 2}"u8.ToArray());
        File.SetLastWriteTimeUtc(path, stamp);
        var reading = await source.ReadAsync(CancellationToken.None);

        Assert.Equal(StatusReadOutcome.Fresh, reading.Outcome);
        Assert.Equal(2, reading.Snapshot!.Loop.Cycle);
    }

    [Fact]
    public async Task ReadAsync_ExactlyMaxBytes_IsAccepted()
    {
        var path = _temp.File("status.json");
        using var source = new FileStatusSource(path, 20, _clock, NullLogger<FileStatusSource>.Instance);

        Write(path, Encoding.UTF8.GetBytes("{\"cycle\": 7}".PadRight(20)));
        Assert.Equal(7, (await source.ReadAsync(CancellationToken.None)).Snapshot!.Loop.Cycle);

        Write(path, Encoding.UTF8.GetBytes("{\"cycle\": 8}".PadRight(21)));
        await AssertFailed(source, StatusReadFailureReasons.TooLarge);
    }

    [Fact]
    public async Task ReadAsync_RootNotObject_FailsNotObject()
    {
        var path = _temp.File("status.json");
        using var source = CreateSource(path);

        Write(path, "[1, 2, 3]"u8.ToArray());

        await AssertFailed(source, StatusReadFailureReasons.NotAnObject);
    }

    [Fact]
    public async Task ReadAsync_FileDeleted_FailsMissingThenRecovers()
    {
        var path = _temp.File("status.json");
        using var source = CreateSource(path);
        Write(path, Fixtures.ReadStatus("tmp_status.json"));
        Assert.Equal(StatusReadOutcome.Fresh, (await source.ReadAsync(CancellationToken.None)).Outcome);

        File.Delete(path);
        var missing = await AssertFailed(source, StatusReadFailureReasons.Missing);
        Assert.Equal("status file status.json not found", missing.Message);

        Write(path, Fixtures.ReadStatus("dq_demo.json"));
        Assert.Equal(StatusReadOutcome.Fresh, (await source.ReadAsync(CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task ReadAsync_DirectoryCreatedAfterSource_Works()
    {
        var directory = _temp.File("later");
        var path = Path.Combine(directory, "status.json");
        using var source = CreateSource(path);

        var missing = await AssertFailed(source, StatusReadFailureReasons.Missing);
        Assert.DoesNotContain(_temp.Path, missing.Message, StringComparison.Ordinal);

        Directory.CreateDirectory(directory);
        await AssertFailed(source, StatusReadFailureReasons.Missing);

        Write(path, Fixtures.ReadStatus("runtime_status.json"));
        Assert.Equal(StatusReadOutcome.Fresh, (await source.ReadAsync(CancellationToken.None)).Outcome);

        Directory.Delete(directory, recursive: true);
        await AssertFailed(source, StatusReadFailureReasons.Missing);

        Directory.CreateDirectory(directory);
        Write(path, Fixtures.ReadStatus("runtime_status_closed.json"));
        var reading = await source.ReadAsync(CancellationToken.None);
        Assert.Equal("CLOSED", reading.Snapshot!.Market.Status);
    }

    [Fact]
    public async Task ReadAsync_AtomicRenameWrites_AreSeen()
    {
        var path = _temp.File("status.json");
        using var source = CreateSource(path);

        foreach (var (name, cycle) in new[] { ("runtime_status.json", 40105L), ("dq_demo.json", 6L), ("runtime_status.json", 40105L) })
        {
            await StatusFileWriter.WriteAtomicallyAsync(path, Fixtures.ReadStatus(name), CancellationToken.None);
            File.SetLastWriteTimeUtc(path, NextStamp());
            var reading = await source.ReadAsync(CancellationToken.None);
            Assert.Equal(StatusReadOutcome.Fresh, reading.Outcome);
            Assert.Equal(cycle, reading.Snapshot!.Loop.Cycle);
        }

        await StatusFileWriter.WriteAtomicallyAsync(path, Fixtures.ReadStatus("runtime_status.json"), CancellationToken.None);
        File.SetLastWriteTimeUtc(path, NextStamp());
        Assert.Equal(StatusReadOutcome.Unchanged, (await source.ReadAsync(CancellationToken.None)).Outcome);
        Assert.Equal(["status.json"], Directory.GetFiles(_temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task ReadAsync_Cancelled_Throws()
    {
        using var source = CreateSource(_temp.File("status.json"));
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => source.ReadAsync(cts.Token).AsTask());
    }

    [Fact]
    public async Task ReadAsync_PathIsADirectory_FailsWithoutThrowing()
    {
        var path = _temp.File("status.json");
        Directory.CreateDirectory(path);
        using var source = CreateSource(path);

        var reading = await source.ReadAsync(CancellationToken.None);

        Assert.Equal(StatusReadOutcome.Failed, reading.Outcome);
    }

    [Fact]
    public async Task ReadAsync_AfterDispose_StillReads()
    {
        var path = _temp.File("status.json");
        var source = CreateSource(path);
        source.Dispose();
        Write(path, Fixtures.ReadStatus("quick_status.json"));

        Assert.Equal(StatusReadOutcome.Fresh, (await source.ReadAsync(CancellationToken.None)).Outcome);
    }

    [Fact]
    public void Constructor_InvalidArguments_Throw()
    {
        Assert.Throws<ArgumentException>(() => CreateSource(" "));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FileStatusSource("s.json", 0, _clock, NullLogger<FileStatusSource>.Instance));
        Assert.Equal("file s.json", new FileStatusSource("s.json", 1, _clock, NullLogger<FileStatusSource>.Instance).Description);
    }

    private FileStatusSource CreateSource(string path) => new(path, MaxBytes, _clock, NullLogger<FileStatusSource>.Instance);

    private void Write(string path, byte[] content)
    {
        File.WriteAllBytes(path, content);
        File.SetLastWriteTimeUtc(path, NextStamp());
    }

    private DateTime NextStamp() => _mtime = _mtime.AddSeconds(1);

    private static async Task<StatusReadFailure> AssertFailed(FileStatusSource source, string reason)
    {
        var reading = await source.ReadAsync(CancellationToken.None);
        Assert.Equal(StatusReadOutcome.Failed, reading.Outcome);
        Assert.Equal(reason, reading.Failure!.Reason);
        Assert.DoesNotContain('\n', reading.Failure.Message);
        Assert.DoesNotContain(Path.DirectorySeparatorChar, reading.Failure.Message);
        return reading.Failure;
    }
}
