using G6.Summary.Bench.Harness;

namespace G6.Summary.Tests.Bench;

public sealed class ProcessSamplerTests
{
    // Captured from a real `g6-summary serve` on Linux 6.x, with the command name changed to hold a space
    // and a ')' (allowed in comm, and the reason fields are counted from the last ')').
    private const string Stat =
        "29651 (g6 summ)ary) S 1 29650 29650 0 -1 4194560 27432 0 3 0 1234 567 0 0 20 0 23 0 178245 3390173184 24581 18446744073709551615 1 1 0 0 0 0 0 4096 17663 0 0 0 17 1 0 0 0 0 0 0 0 0 0 0 0 0 0\n";

    private const string Status = """
        Name:	dotnet
        Umask:	0022
        State:	S (sleeping)
        Tgid:	29651
        VmPeak:	 3311224 kB
        VmSize:	 3310716 kB
        VmHWM:	   98324 kB
        VmRSS:	   98324 kB
        RssAnon:	   61204 kB
        Threads:	23
        """;

    [Fact]
    public void Parse_RealSample_ReadsUserPlusSystemTimeAndResidentMemory()
    {
        var sample = ProcessSampler.Parse(Stat, Status, ticksPerSecond: 100, atMs: 42);

        Assert.Equal(18.01, sample.CpuSeconds, precision: 6);
        Assert.Equal(98324L * 1024, sample.RssBytes);
        Assert.Equal(42, sample.AtMs);
    }

    [Theory]
    [InlineData("no parentheses here", Status)]
    [InlineData("1 (x) S 1 2", Status)]
    [InlineData(Stat, "Name:\tdotnet\n")]
    public void Parse_Malformed_Throws(string stat, string status)
    {
        Assert.Throws<FormatException>(() => ProcessSampler.Parse(stat, status, 100, 0));
    }

    [Fact]
    public void TryRead_ThisProcess_GivesPlausibleFigures()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var sample = ProcessSampler.TryRead(Environment.ProcessId, UnixClock.System);
        Assert.NotNull(sample);
        Assert.True(sample.CpuSeconds > 0);
        Assert.InRange(sample.RssBytes, 1L << 20, 1L << 40);
    }

    [Fact]
    public void TryRead_NoSuchProcess_IsNull()
    {
        Assert.Null(ProcessSampler.TryRead(int.MaxValue, UnixClock.System));
    }

    [Fact]
    public void ProcessUsage_From_ComputesWindowCpuAndMemoryPerStream()
    {
        var usage = ProcessUsage.From(
            7,
            before: new ProcessSample(0, 1.0, 100_000_000),
            start: new ProcessSample(10_000, 2.0, 140_000_000),
            end: new ProcessSample(40_000, 8.0, 141_000_000),
            connected: 10_000,
            windowEvents: 3_000_000);

        Assert.Equal(6.0, usage.WindowCpuSeconds);
        Assert.Equal(20.0, usage.WindowCpuPercent);
        Assert.Equal(2.0, usage.CpuMsPer1000Events);
        Assert.Equal(40_000_000, usage.RssGrowthBytes);
        Assert.Equal(4000.0, usage.RssGrowthPerStreamBytes);
    }
}
