namespace G6.Summary.Protocol;

/// <summary>The <c>reason</c> values of <c>bye</c> that the server sends (PROTOCOL.md).</summary>
public static class ByeReasons
{
    /// <summary>The service is stopping (SIGINT/SIGTERM); reconnecting later finds it or another node.</summary>
    public const string ShuttingDown = "server shutting down";

    /// <summary>The token (or the session made with it) that admitted the stream was removed from the configuration.</summary>
    public const string CredentialsRevoked = "credentials revoked";
}
