using System.Globalization;

namespace G6.Summary.Bench.Harness;

/// <summary>The machine a scenario ran on, read from /proc: figures mean little without it.</summary>
/// <param name="LoadAverage">The 1-minute load average when the scenario started (other work on the machine).</param>
public sealed record MachineInfo(int Cpus, string CpuModel, long MemoryBytes, string Os, string Runtime, double? LoadAverage)
{
    public static MachineInfo Read()
    {
        var model = ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal)) is { } line
            ? line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim()
            : "unknown";
        long memory = 0;
        if (ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)) is { } mem)
        {
            var digits = new string([.. mem.Where(char.IsAsciiDigit)]);
            memory = long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var kb) ? kb * 1024 : 0;
        }

        return new MachineInfo(
            Environment.ProcessorCount,
            model,
            memory,
            global::System.Runtime.InteropServices.RuntimeInformation.OSDescription,
            global::System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
            ReadLoadAverage());
    }

    /// <summary>The 1-minute load average, or null off Linux.</summary>
    public static double? ReadLoadAverage()
    {
        var text = ReadLines("/proc/loadavg").FirstOrDefault();
        return text is not null && double.TryParse(text.Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var load) ? load : null;
    }

    private static string[] ReadLines(string path)
    {
        try
        {
            return File.ReadAllLines(path);
        }
        catch (IOException)
        {
            return [];
        }
        catch (UnauthorizedAccessException)
        {
            return [];
        }
    }
}
