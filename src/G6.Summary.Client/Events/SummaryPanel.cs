using G6.Summary.Protocol;

namespace G6.Summary.Client;

/// <summary>One panel: a title and lines of plain text, identified by a key, with the hash the server sent.</summary>
/// <param name="Key">Stable panel key (<c>[a-z_]+</c>), e.g. <c>indices</c>.</param>
/// <param name="Title">Display title.</param>
/// <param name="Lines">Lines of text; never contain control characters.</param>
/// <param name="Hash">Lowercase hex SHA-256 of <c>JCS([key, title, ...lines])</c> as sent by the server.</param>
public sealed record SummaryPanel(string Key, string Title, IReadOnlyList<string> Lines, string Hash)
{
    /// <summary>True when <see cref="Hash"/> equals the hash recomputed from key, title and lines.</summary>
    public bool HasValidHash() => string.Equals(PanelHasher.HashPanel(Key, Title, Lines), Hash, StringComparison.Ordinal);
}
