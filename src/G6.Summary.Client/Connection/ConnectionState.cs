namespace G6.Summary.Client;

/// <summary>Where a <see cref="SummaryClient"/> stands with the server, for a UI to show.</summary>
public enum ConnectionState
{
    /// <summary>Not running (before <see cref="SummaryClient.RunAsync"/> or after it ended).</summary>
    Stopped,

    /// <summary>The first connection is being made; no verified state yet.</summary>
    Connecting,

    /// <summary>Connected, and the state is verified (digest matched) up to the last event.</summary>
    Live,

    /// <summary>Connected, but no event arrived within the stale threshold; the panels may be out of date.</summary>
    Stale,

    /// <summary>The connection ended (network failure, server restart, stale stream); waiting to reconnect or reconnecting.</summary>
    Reconnecting,

    /// <summary>The server answered 401 or 403 (token, address or User-Agent refused); retrying slowly.</summary>
    Unauthorized,
}
