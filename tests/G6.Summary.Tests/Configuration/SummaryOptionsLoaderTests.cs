using G6.Summary.Configuration;
using G6.Summary.Status;
using Microsoft.Extensions.Configuration;

namespace G6.Summary.Tests.Configuration;

public sealed class SummaryOptionsLoaderTests
{
    private static SummaryOptions Load(params (string Key, string Value)[] values) =>
        SummaryOptionsLoader.Load(new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value)))
            .Build());

    [Fact]
    public void Load_NothingSet_UsesDocumentedDefaults()
    {
        var options = Load();
        Assert.Null(options.Status.File);
        Assert.Equal("127.0.0.1", options.Transport.Host);
        Assert.Equal(9320, options.Transport.Port);
        Assert.Equal(TimeSpan.FromSeconds(1), options.Status.RefreshInterval);
        Assert.Equal(5, options.Streaming.HeartbeatCycles);
        Assert.True(options.Streaming.Enabled);
        Assert.True(options.Streaming.ResyncEnabled);
        Assert.False(options.Streaming.Structured);
        Assert.True(options.Streaming.Compression);
        Assert.Empty(options.Warnings);
    }

    [Theory]
    [InlineData("0", false)]
    [InlineData("off", false)]
    [InlineData("1", true)]
    [InlineData("true", true)]
    public void Load_Compression_IsBound(string value, bool expected) =>
        Assert.Equal(expected, Load(("G6_SSE_COMPRESSION", value)).Streaming.Compression);

    [Fact]
    public void Load_ValidValues_AreBound()
    {
        var options = Load(
            ("G6_SUMMARY_REFRESH_SEC", "0.25"),
            ("G6_SUMMARY_STATUS_FILE", "/tmp/status.json"),
            ("G6_SSE_PORT", "0"),
            ("G6_SSE_STRUCTURED", "true"),
            ("G6_DISABLE_RESYNC_HTTP", "1"),
            ("G6_SSE_EVENTS_PER_SEC", "2.5"));
        Assert.Equal(TimeSpan.FromMilliseconds(250), options.Status.RefreshInterval);
        Assert.Equal("/tmp/status.json", options.Status.File);
        Assert.Equal(0, options.Transport.Port);
        Assert.True(options.Streaming.Structured);
        Assert.False(options.Streaming.ResyncEnabled);
        Assert.Equal(2.5, options.Streaming.EventsPerSec);
    }

    [Theory]
    [InlineData("G6_SUMMARY_REFRESH_SEC", "abc")]
    [InlineData("G6_SUMMARY_REFRESH_SEC", "0")]
    [InlineData("G6_SUMMARY_REFRESH_SEC", "-1")]
    [InlineData("G6_SUMMARY_REFRESH_SEC", "NaN")]
    [InlineData("G6_SSE_PORT", "70000")]
    [InlineData("G6_SSE_PORT", "12.5")]
    [InlineData("G6_SSE_HEARTBEAT_CYCLES", "0")]
    [InlineData("G6_SSE_STRUCTURED", "maybe")]
    [InlineData("G6_SSE_COMPRESSION", "gzip")]
    [InlineData("G6_SSE_QUEUE_MAX", "0")]
    [InlineData("G6_SSE_HOST", "not a host!")]
    [InlineData("G6_LOG_LEVEL", "Loud")]
    [InlineData("G6_SHUTDOWN_GRACE_SEC", "1e9")]
    [InlineData("G6_SUMMARY_DEMO_PROFILE", "frantic")]
    [InlineData("G6_SSE_FANOUT_WORKERS", "0")]
    [InlineData("G6_SSE_FANOUT_WORKERS", "65")]
    [InlineData("G6_DASHBOARD", "maybe")]
    [InlineData("G6_SESSION_TTL_SEC", "59")]
    [InlineData("G6_SESSION_TTL_SEC", "1e12")]
    [InlineData("G6_SSE_SEND_BUFFER_BYTES", "-1")]
    [InlineData("G6_SSE_SEND_BUFFER_BYTES", "4095")]
    [InlineData("G6_SSE_SEND_BUFFER_BYTES", "16777217")]
    [InlineData("G6_SSE_SEND_BUFFER_BYTES", "32k")]
    [InlineData("G6_SSE_SEND_BUFFER_BYTES", "32768.5")]
    [InlineData("G6_SUMMARY_SOURCE", "redis")]
    [InlineData("G6_SUMMARY_SOURCE", "file")] // without G6_SUMMARY_STATUS_FILE
    public void Load_InvalidValue_OneLineNamingTheVariable(string name, string value)
    {
        var ex = Assert.Throws<InvalidSettingException>(() => Load((name, value)));
        Assert.Equal(name, ex.Variable);
        Assert.StartsWith($"invalid setting {name}: ", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Theory]
    [InlineData(null, null, StatusSourceKind.Demo)]
    [InlineData(null, "/tmp/status.json", StatusSourceKind.File)]
    [InlineData("file", "/tmp/status.json", StatusSourceKind.File)]
    [InlineData("DEMO", null, StatusSourceKind.Demo)]
    [InlineData("none", null, StatusSourceKind.None)]
    public void Load_SummarySource_DefaultsToTheFileWhenOneIsGiven(string? source, string? file, StatusSourceKind expected)
    {
        var values = new List<(string, string)>();
        if (source is not null)
        {
            values.Add(("G6_SUMMARY_SOURCE", source));
        }

        if (file is not null)
        {
            values.Add(("G6_SUMMARY_STATUS_FILE", file));
        }

        Assert.Equal(expected, Load([.. values]).Status.EffectiveSource);
    }

    [Theory]
    [InlineData("demo")]
    [InlineData("none")]
    public void Load_SourceThatReadsNoFile_WithAFileGiven_IsRefused(string source)
    {
        // The operator expects the file to be followed; serving something else instead would hide the mistake.
        var ex = Assert.Throws<InvalidSettingException>(() => Load(("G6_SUMMARY_SOURCE", source), ("G6_SUMMARY_STATUS_FILE", "/tmp/status.json")));
        Assert.Equal("G6_SUMMARY_SOURCE", ex.Variable);
        Assert.Contains("G6_SUMMARY_STATUS_FILE", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, DemoProfile.Realistic)]
    [InlineData("realistic", DemoProfile.Realistic)]
    [InlineData("busy", DemoProfile.Busy)]
    [InlineData("BUSY", DemoProfile.Busy)]
    public void Load_DemoProfile_IsBound(string? value, DemoProfile expected)
    {
        var options = value is null ? Load() : Load(("G6_SUMMARY_DEMO_PROFILE", value));
        Assert.Equal(expected, options.Status.DemoProfile);
    }

    [Theory]
    [InlineData(null, TransportOptions.DefaultSendBufferBytes)]
    [InlineData("0", 0)] // the kernel's autotuning
    [InlineData("4096", 4096)]
    [InlineData("131072", 131072)]
    [InlineData("16777216", 16777216)]
    public void Load_SendBufferBytes_IsBound(string? value, int expected)
    {
        var options = value is null ? Load() : Load(("G6_SSE_SEND_BUFFER_BYTES", value));
        Assert.Equal(expected, options.Transport.SendBufferBytes);
    }

    [Fact]
    public void Load_SendBufferBytesBelowMinimum_NamesZeroAsTheWayToAutotuning()
    {
        var ex = Assert.Throws<InvalidSettingException>(() => Load(("G6_SSE_SEND_BUFFER_BYTES", "100")));
        Assert.Equal("invalid setting G6_SSE_SEND_BUFFER_BYTES: must be 0 (kernel autotuning) or a whole number from 4096 to 16777216 (got \"100\")", ex.Message);
    }

    [Fact]
    public void Load_Dashboard_OnByDefaultOffWithZero_SessionLifetimeBound()
    {
        var defaults = Load();
        Assert.True(defaults.Dashboard.Enabled);
        Assert.Equal(TimeSpan.FromHours(12), defaults.Security.SessionTtl);

        var set = Load(("G6_DASHBOARD", "0"), ("G6_SESSION_TTL_SEC", "3600"));
        Assert.False(set.Dashboard.Enabled);
        Assert.Equal(TimeSpan.FromHours(1), set.Security.SessionTtl);
    }

    [Fact]
    public void Load_ReplayLargerThanQueue_Refused()
    {
        var ex = Assert.Throws<InvalidSettingException>(() => Load(("G6_SSE_QUEUE_MAX", "10"), ("G6_SSE_REPLAY_EVENTS", "11")));
        Assert.Equal("G6_SSE_REPLAY_EVENTS", ex.Variable);
    }

    [Fact]
    public void Load_LongBadValue_EchoIsCut()
    {
        var ex = Assert.Throws<InvalidSettingException>(() => Load(("G6_SSE_PORT", new string('9', 200))));
        Assert.True(ex.Message.Length < 150, ex.Message);
    }

    [Fact]
    public void Load_LegacyToggleAtZero_TurnsStreamingOffAndWarns()
    {
        var legacy = DeprecatedSettings.All.Single(s => s.Replacement == SettingNames.SseHttp).Name;
        var options = Load((legacy, "0"));
        Assert.False(options.Streaming.Enabled);
        var warning = Assert.Single(options.Warnings);
        Assert.Contains(legacy, warning, StringComparison.Ordinal);
        Assert.Contains(SettingNames.SseHttp, warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_EveryDeprecatedName_WarnsOnce()
    {
        var options = Load([.. DeprecatedSettings.All.Select(s => (s.Name, "1"))]);
        Assert.Equal(DeprecatedSettings.All.Count, options.Warnings.Count);
        Assert.True(options.Streaming.Enabled);
    }

    [Theory]
    [InlineData("G6_SSE_IP_ALLOW", "10.0.0.0/33")]
    [InlineData("G6_SSE_IP_ALLOW", "10.0.0.0/8, not-an-ip")]
    [InlineData("G6_SSE_TRUSTED_PROXIES", "proxy.local")]
    [InlineData("G6_SSE_IP_CONNECT_RATE", "20")]
    [InlineData("G6_SSE_IP_CONNECT_RATE", "0/60")]
    [InlineData("G6_SSE_IP_CONNECT_RATE", "20/0")]
    [InlineData("G6_SSE_IP_CONNECT_RATE", "x/y")]
    [InlineData("G6_SSE_ALLOW_ORIGIN", "ops.example.com")]
    [InlineData("G6_SSE_ALLOW_ORIGIN", "https://ops.example.com/path")]
    [InlineData("G6_SSE_ALLOW_ORIGIN", "ftp://ops.example.com")]
    [InlineData("G6_SSE_MAX_CONNECTIONS", "0")]
    [InlineData("G6_SSE_HEADERS_TIMEOUT_SEC", "0")]
    public void Load_InvalidSecuritySetting_NamesTheVariable(string name, string value)
    {
        var ex = Assert.Throws<InvalidSettingException>(() => Load((name, value)));
        Assert.Equal(name, ex.Variable);
    }

    [Fact]
    public void Load_SecuritySettings_AreBound()
    {
        var options = Load(
            ("G6_SSE_API_TOKEN", "alpha-token-1, beta-token-2"),
            ("G6_SSE_IP_ALLOW", "10.0.0.0/8, 192.168.1.7, fd00::/8"),
            ("G6_SSE_UA_ALLOW", "g6-dash, g6-bench"),
            ("G6_SSE_IP_CONNECT_RATE", "20/60"),
            ("G6_SSE_MAX_CONNECTIONS", "500"),
            ("G6_SSE_ALLOW_ORIGIN", "https://ops.example.com, http://localhost:8080"),
            ("G6_METRICS_TOKEN", "m-token"));
        Assert.Equal(["alpha-token-1", "beta-token-2"], options.Security.ApiTokens);
        Assert.Equal(3, options.Security.IpAllow.Count);
        Assert.True(options.Security.IpAllow[1].Contains(System.Net.IPAddress.Parse("192.168.1.7")));
        Assert.Equal(["g6-dash", "g6-bench"], options.Security.UaAllow);
        Assert.Equal(new G6.Summary.Security.ConnectRate(20, TimeSpan.FromSeconds(60)), options.Security.IpConnectRate);
        Assert.Equal(500, options.Security.MaxConnections);
        Assert.Equal(2, options.Security.AllowedOrigins.Count);
        Assert.Equal(["m-token"], options.Metrics.Tokens);
    }

    [Fact]
    public void Load_MetricsTokenFile_ReadLikeTheApiTokenFile()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "scrape-token-1\nscrape-token-2\n");
            var options = Load(("G6_METRICS_TOKEN_FILE", file));
            Assert.Equal(["scrape-token-1", "scrape-token-2"], options.Metrics.Tokens);
            Assert.Empty(options.Security.ApiTokens);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Load_MetricsTokenAndItsFile_RefusedNamingTheFileVariable()
    {
        var ex = Assert.Throws<InvalidSettingException>(() => Load(("G6_METRICS_TOKEN", "abc-def-ghi"), ("G6_METRICS_TOKEN_FILE", "/nonexistent")));
        Assert.Equal("G6_METRICS_TOKEN_FILE", ex.Variable);
        var unreadable = Assert.Throws<InvalidSettingException>(() => Load(("G6_METRICS_TOKEN_FILE", "/nonexistent/metrics-token")));
        Assert.Equal("G6_METRICS_TOKEN_FILE", unreadable.Variable);
        Assert.DoesNotContain("/nonexistent", unreadable.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_TokenFile_ReadsTokensOnePerLine()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "first-token-abc\nsecond-token-def\n");
            var options = Load(("G6_SSE_API_TOKEN_FILE", file));
            Assert.Equal(["first-token-abc", "second-token-def"], options.Security.ApiTokens);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Load_TokenAndTokenFile_Refused()
    {
        var ex = Assert.Throws<InvalidSettingException>(() => Load(("G6_SSE_API_TOKEN", "abc-def-ghi"), ("G6_SSE_API_TOKEN_FILE", "/nonexistent")));
        Assert.Equal("G6_SSE_API_TOKEN_FILE", ex.Variable);
    }

    [Fact]
    public void Load_TokenWithSpaceOrMissingFile_RefusedWithoutEchoingIt()
    {
        var spaced = Assert.Throws<InvalidSettingException>(() => Load(("G6_SSE_API_TOKEN", "my secret")));
        Assert.DoesNotContain("secret", spaced.Message, StringComparison.Ordinal);
        var missing = Assert.Throws<InvalidSettingException>(() => Load(("G6_SSE_API_TOKEN_FILE", "/nonexistent/dir/token")));
        Assert.Equal("G6_SSE_API_TOKEN_FILE", missing.Variable);
    }
}
