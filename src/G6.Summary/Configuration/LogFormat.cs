namespace G6.Summary.Configuration;

/// <summary><c>G6_LOG_FORMAT</c>: how log lines are written to standard output.</summary>
public enum LogFormat
{
    /// <summary>One line of text per entry (the default; easy to read and to grep).</summary>
    Text,

    /// <summary>One JSON object per line, for log shippers.</summary>
    Json,
}
