using System.Globalization;

namespace G6.Summary.Bench.Harness;

/// <summary>
/// The machine's TCP memory as the kernel accounts it: <c>mem</c> on the <c>TCP:</c> line of
/// <c>/proc/net/sockstat</c> (pages held by every TCP socket's send and receive queues, both ends of a
/// loopback connection alike) and the limits in <c>/proc/sys/net/ipv4/tcp_mem</c>: below the first
/// nothing is regulated, above the second every socket is squeezed ("memory pressure"), and at the
/// third the kernel refuses TCP memory to every socket on the machine. Linux only.
/// </summary>
public static class TcpMemory
{
    /// <summary>Bytes per page, the unit of both files.</summary>
    public static long PageBytes { get; } = Environment.SystemPageSize;

    /// <summary>Pages of TCP memory in use now, or null off Linux.</summary>
    public static long? ReadPages()
    {
        try
        {
            return ParseSockstat(File.ReadAllText("/proc/net/sockstat"));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    /// <summary><c>tcp_mem</c>: (no regulation below, pressure above, hard limit), in pages; null off Linux.</summary>
    public static TcpMemoryLimits? ReadLimits()
    {
        try
        {
            return ParseLimits(File.ReadAllText("/proc/sys/net/ipv4/tcp_mem"));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    /// <summary>The <c>mem</c> figure of the <c>TCP:</c> line, e.g. <c>TCP: inuse 5 orphan 0 tw 0 alloc 7 mem 12</c>.</summary>
    /// <exception cref="FormatException">No such line or figure.</exception>
    public static long ParseSockstat(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var line in text.Split('\n'))
        {
            if (!line.StartsWith("TCP:", StringComparison.Ordinal))
            {
                continue;
            }

            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            for (var i = 1; i + 1 < fields.Length; i++)
            {
                if (fields[i] == "mem" && long.TryParse(fields[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var pages))
                {
                    return pages;
                }
            }
        }

        throw new FormatException("no 'TCP: ... mem N' line in sockstat");
    }

    /// <exception cref="FormatException">Not three whole numbers.</exception>
    public static TcpMemoryLimits ParseLimits(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var fields = text.Split([' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 3)
        {
            throw new FormatException("tcp_mem holds three numbers");
        }

        var pages = fields.Select(f => long.Parse(f, NumberStyles.None, CultureInfo.InvariantCulture)).ToArray();
        return new TcpMemoryLimits(pages[0], pages[1], pages[2]);
    }
}
