namespace G6.Summary.Bench.Harness;

/// <summary>
/// Every stream is a socket, so M streams need M open files (plus a few dozen for the runtime). The soft
/// limit is raised to the hard one here; past the hard limit only the operator can help (<c>ulimit -Hn</c>).
/// </summary>
public static class FileDescriptorLimit
{
    /// <summary>Files the runtime, the HTTP stack and a child server's pipes use besides the streams.</summary>
    public const int Headroom = 64;

    /// <summary>Raises the soft limit to the hard limit; returns the soft limit now in force (null when unknown).</summary>
    public static ulong? RaiseToHardLimit()
    {
        if (!OperatingSystem.IsLinux() || NativeMethods.GetRLimit(NativeMethods.RlimitNoFile, out var limit) != 0)
        {
            return null;
        }

        if (limit.Current < limit.Maximum)
        {
            var raised = limit with { Current = limit.Maximum };
            if (NativeMethods.SetRLimit(NativeMethods.RlimitNoFile, raised) == 0)
            {
                return raised.Current;
            }
        }

        return limit.Current;
    }

    /// <summary>Null when <paramref name="streams"/> fit; otherwise the line to print.</summary>
    public static string? CheckFits(int streams, ulong? limit) =>
        limit is { } n && (ulong)streams + Headroom > n
            ? $"{streams} streams need about {streams + Headroom} open files but the limit is {n}; raise it (ulimit -n / ulimit -Hn, or LimitNOFILE= for a service)"
            : null;
}
