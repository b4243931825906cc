namespace G6.Summary.Status;

/// <summary>
/// Where the summary loop gets the platform's runtime status from, once per cycle.
/// Implementations never throw for bad data: a read that fails returns a <see cref="StatusReading"/>
/// whose <see cref="StatusReading.Failure"/> says why, and the loop keeps the last good state.
/// </summary>
public interface IStatusSource
{
    /// <summary>Short operator-facing description, e.g. "file /var/g6/status.json" or "demo".</summary>
    string Description { get; }

    /// <summary>Reads the status if it changed since the last call.</summary>
    ValueTask<StatusReading> ReadAsync(CancellationToken cancellationToken);
}
