namespace G6.Summary.Configuration;

/// <summary>
/// How a token setting or token file lists its tokens: separated by commas or line breaks, blanks
/// ignored, so one file can hold the current and the next token during a rotation.
/// </summary>
public static class TokenList
{
    /// <summary>Token files are a few lines; anything bigger is the wrong file, not a list of tokens.</summary>
    public const int MaxFileBytes = 64 * 1024;

    public static IReadOnlyList<string> Parse(string text) =>
        text.Split([',', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>What is wrong with a parsed list read from a file, or null when it can be used.</summary>
    public static string? FileProblem(IReadOnlyList<string> tokens) =>
        tokens.Count == 0 ? "the token file is empty" : Problem(tokens);

    /// <summary>What is wrong with a parsed list, or null when every token can be sent in a header.</summary>
    public static string? Problem(IReadOnlyList<string> tokens) =>
        // Header values cannot carry these reliably; refusing them beats a token nobody can send.
        tokens.Any(token => token.Length == 0 || token.Any(c => c <= ' ' || c > '~'))
            ? "a token may hold only visible ASCII characters (no spaces)"
            : null;
}
