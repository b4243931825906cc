namespace G6.Summary.Security;

/// <summary>A reload that changed a token set: the set now, and the credentials it no longer holds.</summary>
public sealed record TokenSetChange(string SettingName, TokenSet Current, IReadOnlyList<Credential> Removed);
