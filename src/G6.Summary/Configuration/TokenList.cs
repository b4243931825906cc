namespace G6.Summary.Configuration;

/// <summary>
/// How a token setting or token file lists its tokens: separated by commas or line breaks, blanks
/// ignored, so one file can hold the current and the next token during a rotation.
/// </summary>
public static class TokenList
{
    public static IReadOnlyList<string> Parse(string text) =>
        text.Split([',', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
