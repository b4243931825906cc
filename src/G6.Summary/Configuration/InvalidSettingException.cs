namespace G6.Summary.Configuration;

/// <summary>
/// A setting that cannot be used. <see cref="Exception.Message"/> is the one line printed at
/// start-up: it names the variable and what is wrong, and never echoes a secret.
/// </summary>
public sealed class InvalidSettingException : Exception
{
    public InvalidSettingException()
    {
        Variable = string.Empty;
    }

    public InvalidSettingException(string message)
        : base(message)
    {
        Variable = string.Empty;
    }

    public InvalidSettingException(string message, Exception innerException)
        : base(message, innerException)
    {
        Variable = string.Empty;
    }

    public InvalidSettingException(string variable, string problem)
        : base($"invalid setting {variable}: {problem}")
    {
        Variable = variable;
    }

    /// <summary>The <c>G6_</c> name at fault.</summary>
    public string Variable { get; }
}
