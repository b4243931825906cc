namespace G6.Summary.Status;

/// <summary>What one read of a status source produced.</summary>
public enum StatusReadOutcome
{
    /// <summary>New content, parsed; <see cref="StatusReading.Snapshot"/> holds it.</summary>
    Fresh,

    /// <summary>The source has not changed since the last fresh read; keep the last snapshot.</summary>
    Unchanged,

    /// <summary>The read failed; <see cref="StatusReading.Failure"/> says why. Keep the last snapshot.</summary>
    Failed,
}
