using System.Globalization;

namespace G6.Summary.Security;

/// <summary>At most <see cref="Connections"/> admitted requests per peer in any <see cref="Window"/> (<c>N/W</c>, W in seconds).</summary>
public sealed record ConnectRate(int Connections, TimeSpan Window)
{
    public static bool TryParse(string text, out ConnectRate? rate)
    {
        rate = null;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0
            || !int.TryParse(text.AsSpan(0, slash), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            || !double.TryParse(text.AsSpan(slash + 1), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var w)
            || n < 1 || n > 1_000_000 || !double.IsFinite(w) || w < 0.1 || w > 86_400)
        {
            return false;
        }

        rate = new ConnectRate(n, TimeSpan.FromSeconds(w));
        return true;
    }
}
