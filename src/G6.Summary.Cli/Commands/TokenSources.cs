using G6.Summary.Configuration;

namespace G6.Summary.Cli.Commands;

/// <summary>How a client command finds the token it sends (dash: a reader token; push: a publish token).</summary>
public static class TokenSources
{
    /// <summary>
    /// The token to send, in the order an operator expects: the flags, then the service's own variables,
    /// file first, so a command started beside the service with the same environment just works.
    /// A file may list several tokens (a rotation); the first is sent.
    /// </summary>
    public static (string? Token, string? Error) Resolve(
        string command, string? inline, string? file, string fileVariable, string inlineVariable, Func<string, string?> environment)
    {
        if (inline is not null && file is not null)
        {
            return (null, $"{command}: give either --token or --token-file, not both");
        }

        if (NonEmpty(inline) is { } given)
        {
            return (given, null);
        }

        var path = NonEmpty(file) ?? NonEmpty(environment(fileVariable));
        if (path is null)
        {
            return (NonEmpty(environment(inlineVariable)), null);
        }

        try
        {
            var tokens = TokenList.Parse(File.ReadAllText(path));
            return tokens.Count > 0 ? (tokens[0], null) : (null, $"{command}: the token file {Path.GetFileName(path)} is empty");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return (null, $"{command}: cannot read the token file {Path.GetFileName(path)}");
        }
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
