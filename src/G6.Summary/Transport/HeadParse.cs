namespace G6.Summary.Transport;

/// <summary>What the direct stream transport makes of a connection's first bytes.</summary>
internal enum HeadParse
{
    /// <summary>A plain GET of the events path: the direct transport serves it.</summary>
    Ours,

    /// <summary>Looks like ours so far, but the head has not fully arrived.</summary>
    Incomplete,

    /// <summary>Anything else: Kestrel serves it.</summary>
    NotOurs,
}
