namespace G6.Summary.Protocol.Payloads;

/// <summary>A <c>{key, hash}</c> pair in <c>hello</c>.</summary>
public sealed record PanelHashEntry(string Key, string Hash);
