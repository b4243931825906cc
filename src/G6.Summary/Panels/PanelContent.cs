using System.Collections.Immutable;

namespace G6.Summary.Panels;

/// <summary>
/// What a panel provider produced for one cycle: the panel's key, its title and its lines of plain text.
/// Lines never contain CR, LF or other control characters (the registry cleans them), so every line
/// is safe to hash and to draw.
/// </summary>
public sealed record PanelContent(string Key, string Title, ImmutableArray<string> Lines);
