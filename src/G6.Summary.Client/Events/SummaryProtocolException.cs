namespace G6.Summary.Client;

/// <summary>An event or resync body that does not follow PROTOCOL.md (bad JSON, a missing required field).</summary>
public sealed class SummaryProtocolException : Exception
{
    /// <summary>Creates the exception with no message.</summary>
    public SummaryProtocolException()
    {
    }

    /// <summary>Creates the exception with a message saying what was wrong.</summary>
    public SummaryProtocolException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the parser's exception.</summary>
    public SummaryProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
