using G6.Summary.Snapshot;

namespace G6.Summary.Status;

/// <summary>A status source fed by a <see cref="DemoCollector"/>: one collector cycle per read.</summary>
public sealed class DemoStatusSource(DemoCollector collector) : IStatusSource
{
    private readonly Lock _gate = new();
    private byte[]? _lastFresh;

    public string Description => collector.IsBusy ? "demo (busy)" : "demo";

    public ValueTask<StatusReading> ReadAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var bytes = collector.NextStatusJson();
            if (_lastFresh is not null && bytes.AsSpan().SequenceEqual(_lastFresh))
            {
                return ValueTask.FromResult(StatusReading.Unchanged);
            }

            var reading = StatusSnapshotReader.Read(bytes);
            if (reading.Outcome == StatusReadOutcome.Fresh)
            {
                _lastFresh = bytes;
            }

            return ValueTask.FromResult(reading);
        }
    }
}
