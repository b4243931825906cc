using System.Globalization;

namespace G6.Summary.Bench.Harness;

/// <summary>
/// Reads a process's CPU seconds from <c>/proc/PID/stat</c> (utime + stime, fields 14 and 15, in clock
/// ticks) and its resident memory from <c>/proc/PID/status</c> (<c>VmRSS</c>). Linux only; the same
/// numbers <c>top</c> and <c>ps</c> show, at a cost of two small file reads.
/// </summary>
public static class ProcessSampler
{
    /// <summary>Clock ticks per second (USER_HZ): 100 on every mainstream Linux, asked of libc when possible.</summary>
    public static long TicksPerSecond { get; } = ReadTicksPerSecond();

    /// <summary>A sample of <paramref name="pid"/>, or null when the process is gone or /proc is not there.</summary>
    public static ProcessSample? TryRead(int pid, UnixClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        try
        {
            var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            var status = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/status");
            return Parse(stat, status, TicksPerSecond, clock.NowMs);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    /// <summary>Parses the text of <c>/proc/PID/stat</c> and <c>/proc/PID/status</c>.</summary>
    /// <exception cref="FormatException">The text is not what Linux writes.</exception>
    public static ProcessSample Parse(string stat, string status, long ticksPerSecond, double atMs)
    {
        ArgumentNullException.ThrowIfNull(stat);
        ArgumentNullException.ThrowIfNull(status);

        // The command name (field 2) is in parentheses and may itself hold spaces and ')': fields are
        // counted from the last ')'. After it come field 3 (state) onwards, so utime (14) is the 12th.
        var close = stat.LastIndexOf(')');
        if (close < 0)
        {
            throw new FormatException("no command name in /proc stat");
        }

        var fields = stat[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 13)
        {
            throw new FormatException("too few fields in /proc stat");
        }

        var utime = long.Parse(fields[11], NumberStyles.None, CultureInfo.InvariantCulture);
        var stime = long.Parse(fields[12], NumberStyles.None, CultureInfo.InvariantCulture);
        return new ProcessSample(atMs, (double)(utime + stime) / ticksPerSecond, ParseRss(status));
    }

    private static long ParseRss(string status)
    {
        foreach (var line in status.Split('\n'))
        {
            if (!line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                continue;
            }

            var value = line["VmRSS:".Length..].Trim();
            var space = value.IndexOf(' ', StringComparison.Ordinal);
            var number = space < 0 ? value : value[..space];
            return long.Parse(number, NumberStyles.None, CultureInfo.InvariantCulture) * 1024;
        }

        throw new FormatException("no VmRSS in /proc status");
    }

    private static long ReadTicksPerSecond()
    {
        try
        {
            var ticks = OperatingSystem.IsLinux() ? NativeMethods.SysConf(NativeMethods.ScClkTck) : -1;
            return ticks > 0 ? ticks : 100;
        }
        catch (DllNotFoundException)
        {
            return 100;
        }
    }
}
