namespace G6.Summary.Protocol;

/// <summary>The protocol's content types.</summary>
public static class MediaTypes
{
    /// <summary>What a client asks for (<c>Accept</c>) and checks in the answer.</summary>
    public const string EventStream = "text/event-stream";

    /// <summary>What the service sends for <c>/summary/events</c>.</summary>
    public const string EventStreamUtf8 = EventStream + "; charset=utf-8";

    /// <summary>What a pushed status document is sent as.</summary>
    public const string Json = "application/json";
}
