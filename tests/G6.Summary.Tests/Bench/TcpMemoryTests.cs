using G6.Summary.Bench.Harness;

namespace G6.Summary.Tests.Bench;

public sealed class TcpMemoryTests
{
    // Captured from this project's Linux 6.18 development machine.
    private const string Sockstat = """
        sockets: used 10
        TCP: inuse 1 orphan 0 tw 1 alloc 1 mem 128
        UDP: inuse 0 mem 0
        UDPLITE: inuse 0
        RAW: inuse 0
        FRAG: inuse 0 memory 0
        """;

    [Fact]
    public void ParseSockstat_RealSample_ReadsTheTcpLinesMemNotUdps() => Assert.Equal(128, TcpMemory.ParseSockstat(Sockstat));

    [Theory]
    [InlineData("sockets: used 10\nUDP: inuse 0 mem 0\n")]
    [InlineData("TCP: inuse 1 orphan 0 tw 1 alloc 1\n")]
    [InlineData("TCP: inuse 1 mem lots\n")]
    public void ParseSockstat_NoTcpMem_Throws(string text) => Assert.Throws<FormatException>(() => TcpMemory.ParseSockstat(text));

    [Fact]
    public void ParseLimits_RealSample_ThreeThresholdsInOrder()
    {
        var limits = TcpMemory.ParseLimits("287892\t383858\t575784\n");
        Assert.Equal(new TcpMemoryLimits(287892, 383858, 575784), limits);
    }

    [Theory]
    [InlineData("287892 383858\n")]
    [InlineData("a b c\n")]
    public void ParseLimits_Malformed_Throws(string text) => Assert.Throws<FormatException>(() => TcpMemory.ParseLimits(text));

    [Fact]
    public void ReadPages_OnThisMachine_ReadsTheKernelsFigure()
    {
        Assert.True(OperatingSystem.IsLinux(), "/proc/net/sockstat is Linux's");
        Assert.NotNull(TcpMemory.ReadPages());
        Assert.NotNull(TcpMemory.ReadLimits());
    }
}
