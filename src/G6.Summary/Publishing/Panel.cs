using System.Collections.Immutable;

namespace G6.Summary.Publishing;

/// <summary>A panel as published: content plus its protocol hash (see <see cref="Protocol.PanelHasher"/>).</summary>
public sealed record Panel(string Key, string Title, ImmutableArray<string> Lines, string Hash);
