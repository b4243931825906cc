namespace G6.Summary.Tests.Browser;

/// <summary>A panel as the page shows it (or as the server says it should be shown).</summary>
internal sealed record ShownPanel(string Key, string Title, string[] Lines);
