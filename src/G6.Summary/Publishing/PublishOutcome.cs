namespace G6.Summary.Publishing;

/// <summary>
/// What one publish did: appended <see cref="Event"/> (and <see cref="State"/> is the state after it),
/// published nothing (<see cref="State"/> is the unchanged head), or was <see cref="Refused"/> by the log
/// because another writer appended first (<see cref="State"/> is the head as the log now has it).
/// </summary>
public sealed record PublishOutcome(PublishedEvent? Event, PublishedState State, bool Refused)
{
    public static PublishOutcome Appended(PublishedEvent evt, PublishedState state) => new(evt, state, false);

    public static PublishOutcome Nothing(PublishedState head) => new(null, head, false);

    public static PublishOutcome RefusedAt(PublishedState head) => new(null, head, true);
}
