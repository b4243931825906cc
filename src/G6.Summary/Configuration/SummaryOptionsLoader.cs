using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace G6.Summary.Configuration;

/// <summary>
/// Binds <see cref="SummaryOptions"/> from configuration keyed by the <c>G6_</c> names (environment,
/// an appsettings file and command-line flags layered by the caller, flags last so they win) and
/// validates every value. The first bad value throws <see cref="InvalidSettingException"/>.
/// </summary>
public static class SummaryOptionsLoader
{
    public static SummaryOptions Load(IConfiguration configuration)
    {
        var read = new SettingReader(configuration);
        string? Lookup(string name) => configuration[name];
        var options = new SummaryOptions
        {
            StatusFile = read.Text(SettingNames.StatusFile),
            MaxStatusBytes = read.Integer(SettingNames.MaxStatusBytes, SummaryOptions.DefaultMaxStatusBytes, 1024, 1L << 30),
            RefreshInterval = read.Seconds(SettingNames.RefreshSec, SummaryOptions.DefaultRefreshSec, 0.01, 3600),
            StaleAfter = read.Seconds(SettingNames.StaleSec, SummaryOptions.DefaultStaleSec, 1, 7 * 24 * 3600),
            SseHttpEnabled = read.Flag(SettingNames.SseHttp, true) && !DeprecatedSettings.SseDisabledByLegacyToggle(Lookup),
            Host = read.Text(SettingNames.Host) ?? SummaryOptions.DefaultHost,
            Port = (int)read.Integer(SettingNames.Port, SummaryOptions.DefaultPort, 0, 65535),
            HeartbeatCycles = (int)read.Integer(SettingNames.HeartbeatCycles, SummaryOptions.DefaultHeartbeatCycles, 1, 100_000),
            Structured = read.Flag(SettingNames.Structured, false),
            KeepaliveInterval = read.Seconds(SettingNames.KeepaliveSec, SummaryOptions.DefaultKeepaliveSec, 1, 3600),
            RetryMs = (int)read.Integer(SettingNames.RetryMs, SummaryOptions.DefaultRetryMs, 100, 600_000),
            ReplayEvents = (int)read.Integer(SettingNames.ReplayEvents, SummaryOptions.DefaultReplayEvents, 0, 1_000_000),
            QueueMax = (int)read.Integer(SettingNames.QueueMax, SummaryOptions.DefaultQueueMax, 1, 1_000_000),
            WriteTimeout = read.Seconds(SettingNames.WriteTimeoutSec, SummaryOptions.DefaultWriteTimeoutSec, 0.1, 3600),
            EventsPerSec = read.Number(SettingNames.EventsPerSec, 0, 0, 10_000),
            MaxEventBytes = (int)read.Integer(SettingNames.MaxEventBytes, SummaryOptions.DefaultMaxEventBytes, 1024, 64 * 1024 * 1024),
            ShutdownGrace = read.Seconds(SettingNames.ShutdownGraceSec, SummaryOptions.DefaultShutdownGraceSec, 0.1, 600),
            ResyncHttpEnabled = !read.Flag(SettingNames.DisableResyncHttp, false),
            LogLevel = read.Level(SettingNames.LogLevel, LogLevel.Information),
            LogFormat = read.Format(SettingNames.LogFormat),
            DemoProfile = read.Profile(SettingNames.DemoProfile),
            Warnings = DeprecatedSettings.WarningsFor(Lookup),
            ApiTokens = read.Tokens(SettingNames.ApiToken, SettingNames.ApiTokenFile),
            IpAllow = read.Networks(SettingNames.IpAllow),
            UaAllow = read.List(SettingNames.UaAllow),
            IpConnectRate = read.Rate(SettingNames.IpConnectRate),
            MaxConnections = (int)read.Integer(SettingNames.MaxConnections, SummaryOptions.DefaultMaxConnections, 1, 1_000_000),
            TrustedProxies = read.Networks(SettingNames.TrustedProxies),
            AllowedOrigins = read.Origins(SettingNames.AllowOrigin),
            MetricsTokens = read.Tokens(SettingNames.MetricsToken, SettingNames.MetricsTokenFile),
            HeadersTimeout = read.Seconds(SettingNames.HeadersTimeoutSec, SummaryOptions.DefaultHeadersTimeoutSec, 1, 300),
            DirectStreams = read.Flag(SettingNames.DirectStreams, true),
            FanOutWorkers = (int)read.Integer(SettingNames.FanOutWorkers, Environment.ProcessorCount, 1, 64),
            DashboardEnabled = read.Flag(SettingNames.Dashboard, true),
            SessionTtl = read.Seconds(SettingNames.SessionTtlSec, SummaryOptions.DefaultSessionTtlSec, 60, 30 * 24 * 3600),
            Publish = PublishOptions.Bind(read),
            SendBufferBytes = (int)read.IntegerOrZero(SettingNames.SendBufferBytes, SummaryOptions.DefaultSendBufferBytes, SummaryOptions.MinSendBufferBytes, SummaryOptions.MaxSendBufferBytes, "kernel autotuning"),
        };

        if (options.Host.Length == 0 || Uri.CheckHostName(options.Host) == UriHostNameType.Unknown)
        {
            throw new InvalidSettingException(SettingNames.Host, "must be an IP address or host name");
        }

        if (options.ReplayEvents > options.QueueMax)
        {
            // A resumed stream's replay is its backlog; a window larger than the queue would overflow at once.
            throw new InvalidSettingException(SettingNames.ReplayEvents, $"must not exceed {SettingNames.QueueMax} ({options.QueueMax})");
        }

        options.Publish.CheckSeparateFrom(options.ApiTokens, fromFile: read.Text(SettingNames.PublishTokenFile) is not null);
        return options;
    }
}
