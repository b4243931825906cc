using G6.Summary.Snapshot;

namespace G6.Summary.Status;

/// <summary>The result of one <see cref="IStatusSource.ReadAsync"/> call.</summary>
public sealed record StatusReading
{
    private StatusReading(StatusReadOutcome outcome, StatusSnapshot? snapshot, StatusReadFailure? failure)
    {
        Outcome = outcome;
        Snapshot = snapshot;
        Failure = failure;
    }

    /// <summary>A shared instance: nothing changed since the last fresh read.</summary>
    public static StatusReading Unchanged { get; } = new(StatusReadOutcome.Unchanged, null, null);

    public StatusReadOutcome Outcome { get; }

    /// <summary>Set when <see cref="Outcome"/> is <see cref="StatusReadOutcome.Fresh"/>.</summary>
    public StatusSnapshot? Snapshot { get; }

    /// <summary>Set when <see cref="Outcome"/> is <see cref="StatusReadOutcome.Failed"/>.</summary>
    public StatusReadFailure? Failure { get; }

    public static StatusReading Fresh(StatusSnapshot snapshot) => new(StatusReadOutcome.Fresh, snapshot, null);

    public static StatusReading Failed(string reason, string message) =>
        new(StatusReadOutcome.Failed, null, new StatusReadFailure(reason, message));
}
