namespace G6.Summary.Publishing.Payloads;

/// <summary>The optional JSON body of <c>POST /summary/session</c>: <c>{"token": "…"}</c> (the header is the other way).</summary>
public sealed record SessionRequest(string? Token);
