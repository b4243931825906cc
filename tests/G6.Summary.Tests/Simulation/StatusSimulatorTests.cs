using G6.Summary.Bench.Simulation;
using G6.Summary.Snapshot;
using G6.Summary.Status;
using G6.Summary.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace G6.Summary.Tests.Simulation;

/// <summary>
/// The simulator's timer runs on real time here with a one-millisecond interval (there is no fake-timer
/// package offline); the collector's clock is a manual one, so the content written is deterministic.
/// Every run is bounded by <c>maxCycles</c> and, as a safety net, a cancellation timeout.
/// </summary>
public sealed class StatusSimulatorTests : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(1);
    private static readonly TimeSpan SafetyTimeout = TimeSpan.FromSeconds(30);

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task RunAsync_MaxCycles_WritesEachCycle()
    {
        var path = _temp.File("status.json");
        using var cts = new CancellationTokenSource(SafetyTimeout);

        await CreateSimulator().RunAsync(path, Interval, maxCycles: 3, cts.Token);

        var reading = StatusSnapshotReader.Read(await File.ReadAllBytesAsync(path, cts.Token));
        Assert.Equal(StatusReadOutcome.Fresh, reading.Outcome);
        Assert.Equal(3, reading.Snapshot!.Loop.Cycle);
        Assert.Equal(["status.json"], Directory.GetFiles(_temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task RunAsync_QuietSpell_WritesNothing()
    {
        var path = _temp.File("status.json");
        using var cts = new CancellationTokenSource(SafetyTimeout);
        var active = DemoCollector.QuietSpellPeriod - DemoCollector.QuietSpellLength;

        await CreateSimulator().RunAsync(path, Interval, maxCycles: active + 5, cts.Token);

        var reading = StatusSnapshotReader.Read(await File.ReadAllBytesAsync(path, cts.Token));
        Assert.Equal(active, reading.Snapshot!.Loop.Cycle);
    }

    [Fact]
    public async Task RunAsync_ZeroCycles_WritesNothing()
    {
        var path = _temp.File("status.json");

        await CreateSimulator().RunAsync(path, Interval, maxCycles: 0, CancellationToken.None);

        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task RunAsync_Cancelled_ThrowsOperationCanceled()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => CreateSimulator().RunAsync(_temp.File("status.json"), Interval, maxCycles: null, cts.Token));
    }

    [Fact]
    public async Task RunAsync_InvalidInterval_Throws()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => CreateSimulator().RunAsync(_temp.File("status.json"), TimeSpan.Zero, 1, CancellationToken.None));
    }

    private static StatusSimulator CreateSimulator() =>
        new(new DemoCollector(42, new FakeTimeProvider()), TimeProvider.System, NullLogger<StatusSimulator>.Instance);
}
