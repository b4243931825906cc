using System.Globalization;

namespace G6.Summary.Configuration;

/// <summary>
/// The allowed values of a whole-number setting, written once and used twice: by the loader when it
/// parses the variable, and by <c>Validate</c> when options were built in code.
/// </summary>
public readonly record struct WholeRange(long Min, long Max)
{
    public string Rule => $"must be a whole number from {Min} to {Max}";

    /// <summary>Throws the one-line error naming <paramref name="name"/> when <paramref name="value"/> is outside.</summary>
    public void Check(string name, long value)
    {
        if (value < Min || value > Max)
        {
            throw new InvalidSettingException(name, $"{Rule} (got \"{value.ToString(CultureInfo.InvariantCulture)}\")");
        }
    }
}
