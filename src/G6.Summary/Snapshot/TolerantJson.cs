using System.Globalization;
using System.Text.Json;

namespace G6.Summary.Snapshot;

/// <summary>
/// Reads values out of a <see cref="JsonDocument"/> without ever throwing: a missing or mistyped value is null.
/// </summary>
/// <remarks>
/// We read the status through this layer rather than a typed (or source-generated) deserializer on purpose:
/// a deserializer rejects the whole document when one field has the wrong type, and the dashboard would then
/// lose every panel over, say, a price written as <c>"n/a"</c>. Here that one value shows "—" instead.
/// </remarks>
internal static class TolerantJson
{
    /// <summary>
    /// Longest string kept from the status. Panels cut lines at 160 chars anyway; the bound keeps a
    /// pathological multi-megabyte string from being copied into every snapshot.
    /// </summary>
    public const int MaxStringChars = 512;

    // Unix times above this are taken as milliseconds (1e11 seconds is the year 5138).
    private const double MillisecondsThreshold = 1e11;

    public static JsonElement? Get(JsonElement? parent, string name)
    {
        if (parent is not { ValueKind: JsonValueKind.Object } obj)
        {
            return null;
        }

        return obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;
    }

    /// <summary>The first of several alternative field names that is present and not null.</summary>
    public static JsonElement? Get(JsonElement? parent, string name, string alternative, params ReadOnlySpan<string> more)
    {
        var value = Get(parent, name) ?? Get(parent, alternative);
        foreach (var other in more)
        {
            value ??= Get(parent, other);
        }

        return value;
    }

    public static JsonElement? Object(JsonElement? element) =>
        element is { ValueKind: JsonValueKind.Object } ? element : null;

    public static bool IsArray(JsonElement? element) => element is { ValueKind: JsonValueKind.Array };

    /// <summary>A string; numbers and booleans are shown as written. Objects and arrays are mistyped.</summary>
    public static string? String(JsonElement? element)
    {
        switch (element?.ValueKind)
        {
            case JsonValueKind.String:
                return TryGetString(element.Value);
            case JsonValueKind.Number:
                return Cap(element.Value.GetRawText());
            case JsonValueKind.True:
                return "true";
            case JsonValueKind.False:
                return "false";
            default:
                return null;
        }
    }

    /// <summary>A finite number, from a JSON number or a numeric string; anything else is null.</summary>
    public static double? Number(JsonElement? element)
    {
        double value;
        switch (element?.ValueKind)
        {
            case JsonValueKind.Number:
                if (!element.Value.TryGetDouble(out value))
                {
                    return null;
                }

                break;
            case JsonValueKind.String:
                if (!double.TryParse(TryGetString(element.Value), NumberStyles.Float, CultureInfo.InvariantCulture, out value))
                {
                    return null;
                }

                break;
            default:
                return null;
        }

        // 1e400 parses as infinity and "NaN" parses as NaN; neither is a figure we can show.
        return double.IsFinite(value) ? value : null;
    }

    /// <summary>A whole number; a number with a fractional part is mistyped.</summary>
    public static long? Integer(JsonElement? element)
    {
        if (element is { ValueKind: JsonValueKind.Number } number && number.TryGetInt64(out var exact))
        {
            return exact;
        }

        // Python writes counts as 3.0 at times, and strings hold numbers too.
        var value = Number(element);
        if (value is not { } d || d != Math.Floor(d) || d < long.MinValue || d >= long.MaxValue)
        {
            return null;
        }

        return (long)d;
    }

    public static bool? Boolean(JsonElement? element)
    {
        switch (element?.ValueKind)
        {
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            case JsonValueKind.String:
                var text = TryGetString(element.Value);
                if (string.Equals(text, "true", StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }

                if (string.Equals(text, "false", StringComparison.OrdinalIgnoreCase))
                {
                    return false;
                }

                return null;
            default:
                return null;
        }
    }

    /// <summary>An ISO-8601 time (no offset means UTC) or Unix seconds/milliseconds, normalised to UTC.</summary>
    public static DateTimeOffset? Time(JsonElement? element)
    {
        if (element is { ValueKind: JsonValueKind.String } text)
        {
            var s = TryGetString(text);
            if (s is not null && DateTimeOffset.TryParse(
                    s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var parsed))
            {
                return parsed.ToUniversalTime();
            }

            return null;
        }

        if (element is { ValueKind: JsonValueKind.Number } && Number(element) is { } unix && unix >= 0)
        {
            var ms = unix >= MillisecondsThreshold ? unix : unix * 1000;
            if (ms <= DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
            {
                return DateTimeOffset.FromUnixTimeMilliseconds((long)ms);
            }
        }

        return null;
    }

    /// <summary>An object's properties in file order; names that cannot be decoded or are blank are skipped.</summary>
    public static IEnumerable<(string Name, JsonElement Value)> Properties(JsonElement? element)
    {
        if (element is not { ValueKind: JsonValueKind.Object } obj)
        {
            yield break;
        }

        foreach (var property in obj.EnumerateObject())
        {
            string name;
            try
            {
                name = property.Name;
            }
            catch (InvalidOperationException)
            {
                // Invalid UTF-8 or a lone surrogate escape in the name.
                continue;
            }

            if (!string.IsNullOrWhiteSpace(name))
            {
                yield return (Cap(name), property.Value);
            }
        }
    }

    public static IEnumerable<JsonElement> Items(JsonElement? element) =>
        element is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray() : [];

    private static string? TryGetString(JsonElement element)
    {
        try
        {
            return Cap(element.GetString());
        }
        catch (InvalidOperationException)
        {
            // The JSON is well formed but the text is not (invalid UTF-8, a lone surrogate escape).
            return null;
        }
    }

    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(value))]
    private static string? Cap(string? value)
    {
        if (value is null || value.Length <= MaxStringChars)
        {
            return value;
        }

        var cut = char.IsHighSurrogate(value[MaxStringChars - 1]) ? MaxStringChars - 1 : MaxStringChars;
        return value[..cut];
    }
}
