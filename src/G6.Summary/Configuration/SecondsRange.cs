using System.Globalization;

namespace G6.Summary.Configuration;

/// <summary>The allowed values of a duration setting, in seconds; see <see cref="WholeRange"/>.</summary>
public readonly record struct SecondsRange(double Min, double Max)
{
    public string Rule =>
        $"must be seconds from {Min.ToString(CultureInfo.InvariantCulture)} to {Max.ToString(CultureInfo.InvariantCulture)} (fractions allowed)";

    public void Check(string name, TimeSpan value)
    {
        if (value.TotalSeconds < Min || value.TotalSeconds > Max)
        {
            throw new InvalidSettingException(name, $"{Rule} (got \"{value.TotalSeconds.ToString(CultureInfo.InvariantCulture)}\")");
        }
    }
}
