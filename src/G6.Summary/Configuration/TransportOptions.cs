namespace G6.Summary.Configuration;

/// <summary>Where the service listens and how stream sockets are handled.</summary>
public sealed record TransportOptions
{
    /// <summary>Loopback only: exposing the stream is an explicit operator decision.</summary>
    public const string DefaultHost = "127.0.0.1";

    /// <summary>The port the platform's operators already use for the summary service.</summary>
    public const int DefaultPort = 9320;

    /// <summary>Long enough for any real client on a slow link, short enough that half-sent requests cannot pile up.</summary>
    public const double DefaultHeadersTimeoutSec = 10;

    /// <summary>
    /// Kernel send buffer asked for each stream socket (SO_SNDBUF). Linux doubles it for its bookkeeping,
    /// so a stream's socket holds 64 KiB: 57.9 KB of events when its client stops reading (measured), a
    /// tenth of what <see cref="StreamingOptions.DefaultQueueMax"/> allows at 1.5 KB an event, so the queue and not the
    /// kernel decides when a stalled stream is dropped to a full snapshot; 1,000 stalled streams hold
    /// 75 MiB of kernel memory. Left to autotuning, Linux grew a stalled stream's buffer to 4 MiB (1,006
    /// stale events of 2.76 KB). A healthy reader never waits on it (no write waited at 10,000 streams):
    /// 57.9 KB is over three seconds of a 10 events/s stream, and about what Linux itself starts a new
    /// Ethernet connection with. docs/STREAMING.md (Settings, Performance) has the measurements.
    /// </summary>
    public const int DefaultSendBufferBytes = 32 * 1024;

    /// <summary>Below this a send buffer holds less than one typical event; Linux itself rounds up to about 4.6 KB.</summary>
    public const int MinSendBufferBytes = 4 * 1024;

    /// <summary>The largest accepted; Linux also caps what it grants at <c>net.core.wmem_max</c>.</summary>
    public const int MaxSendBufferBytes = 16 * 1024 * 1024;

    public static readonly WholeRange PortRange = new(0, 65535);
    public static readonly SecondsRange HeadersTimeoutRange = new(1, 300);

    public string Host { get; init; } = DefaultHost;

    /// <summary>0 picks a free port (tests); the chosen address is logged at start.</summary>
    public int Port { get; init; } = DefaultPort;

    public TimeSpan HeadersTimeout { get; init; } = TimeSpan.FromSeconds(DefaultHeadersTimeoutSec);

    /// <summary>
    /// Plain <c>GET /summary/events</c> requests are served on the bare socket (Transport/), everything
    /// else by Kestrel; false sends every request through Kestrel's HTTP pipeline.
    /// </summary>
    public bool DirectStreams { get; init; } = true;

    /// <summary>
    /// Bytes asked for as each stream socket's kernel send buffer (<c>SO_SNDBUF</c>; Linux grants twice
    /// this), on both transports; 0 leaves the buffer to the kernel's autotuning.
    /// </summary>
    public int SendBufferBytes { get; init; } = DefaultSendBufferBytes;

    public void Validate()
    {
        if (Host.Length == 0 || Uri.CheckHostName(Host) == UriHostNameType.Unknown)
        {
            throw new InvalidSettingException(SettingNames.Host, "must be an IP address or host name");
        }

        PortRange.Check(SettingNames.Port, Port);
        HeadersTimeoutRange.Check(SettingNames.HeadersTimeoutSec, HeadersTimeout);
        if (SendBufferBytes != 0 && SendBufferBytes is < MinSendBufferBytes or > MaxSendBufferBytes)
        {
            throw new InvalidSettingException(SettingNames.SendBufferBytes, $"must be 0 (kernel autotuning) or a whole number from {MinSendBufferBytes} to {MaxSendBufferBytes} (got \"{SendBufferBytes}\")");
        }
    }

    internal static TransportOptions Bind(SettingReader read)
    {
        var options = new TransportOptions
        {
            Host = read.Text(SettingNames.Host) ?? DefaultHost,
            Port = (int)read.Integer(SettingNames.Port, DefaultPort, PortRange),
            HeadersTimeout = read.Seconds(SettingNames.HeadersTimeoutSec, DefaultHeadersTimeoutSec, HeadersTimeoutRange),
            DirectStreams = read.Flag(SettingNames.DirectStreams, true),
            SendBufferBytes = (int)read.IntegerOrZero(SettingNames.SendBufferBytes, DefaultSendBufferBytes, MinSendBufferBytes, MaxSendBufferBytes, "kernel autotuning"),
        };
        options.Validate();
        return options;
    }
}
