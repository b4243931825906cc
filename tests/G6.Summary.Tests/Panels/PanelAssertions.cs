using System.Text;
using G6.Summary.Panels;

namespace G6.Summary.Tests.Panels;

/// <summary>Checks shared by every test that builds panels from untrusted status.</summary>
public static class PanelAssertions
{
    /// <summary>Null when every panel is safe to frame and draw; otherwise what is wrong.</summary>
    public static string? FindProblem(PanelBuildResult result)
    {
        if (result.FailedKeys.Count > 0)
        {
            return $"failed panels: {string.Join(",", result.FailedKeys)}";
        }

        if (!result.Panels.Select(p => p.Key).SequenceEqual(PanelKeys.DisplayOrder))
        {
            return $"panel keys {string.Join(",", result.Panels.Select(p => p.Key))}";
        }

        foreach (var panel in result.Panels)
        {
            if (panel.Lines.Length > 40)
            {
                return $"{panel.Key}: {panel.Lines.Length} lines";
            }

            foreach (var text in panel.Lines.Prepend(panel.Title))
            {
                if (text.Length > 160)
                {
                    return $"{panel.Key}: line of {text.Length} chars";
                }

                if (FindUnsafeChar(text) is { } bad)
                {
                    return $"{panel.Key}: char U+{(int)bad:X4} in \"{text}\"";
                }
            }
        }

        return null;
    }

    public static void AssertClean(PanelBuildResult result)
    {
        var problem = FindProblem(result);
        Assert.True(problem is null, problem);
    }

    public static PanelContent Panel(PanelBuildResult result, string key) => result.Panels.Single(p => p.Key == key);

    /// <summary>As an array: <c>Assert.Equal</c> on an ImmutableArray compares references, not items.</summary>
    public static string[] Lines(PanelBuildResult result, string key) => [.. Panel(result, key).Lines];

    private static char? FindUnsafeChar(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            if (char.IsControl(c) || char.IsSurrogate(c) || c is '\u2028' or '\u2029')
            {
                return c;
            }
        }

        // Must round-trip through strict UTF-8, as the hash and the SSE frame need.
        try
        {
            _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetBytes(text);
        }
        catch (EncoderFallbackException)
        {
            return '\uFFFF';
        }

        return null;
    }
}
