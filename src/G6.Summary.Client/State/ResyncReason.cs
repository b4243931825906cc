namespace G6.Summary.Client;

/// <summary>Why the state machine asked for a resync.</summary>
public enum ResyncReason
{
    /// <summary>No resync needed.</summary>
    None,

    /// <summary>A panel's hash did not match its key, title and lines.</summary>
    HashMismatch,

    /// <summary>After applying an event, the client's digest differed from the server's (drift).</summary>
    DigestMismatch,

    /// <summary>The server sent <c>truncated</c> instead of an event too large to send.</summary>
    Truncated,

    /// <summary>A seq was skipped and the event could not vouch for the state (no coalesced count, no digest).</summary>
    SeqGap,

    /// <summary>An event that needs a known state arrived before any snapshot (or after the state was invalidated).</summary>
    NoSnapshot,

    /// <summary>An event could not be parsed.</summary>
    MalformedEvent,
}
