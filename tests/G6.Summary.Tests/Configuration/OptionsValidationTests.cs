using G6.Summary.Configuration;
using G6.Summary.Hosting;

namespace G6.Summary.Tests.Configuration;

/// <summary>
/// Options built in code get the loader's rules: <see cref="SummaryServer.Build"/> refuses a value the
/// loader would refuse, naming the same variable, before anything listens.
/// </summary>
public sealed class OptionsValidationTests
{
    public static TheoryData<string, SummaryOptions> Invalid => new()
    {
        { "G6_SSE_REPLAY_EVENTS", new SummaryOptions { Streaming = new() { QueueMax = 8, ReplayEvents = 9 } } },
        { "G6_SSE_QUEUE_MAX", new SummaryOptions { Streaming = new() { QueueMax = 0, ReplayEvents = 0 } } },
        { "G6_SSE_KEEPALIVE_SEC", new SummaryOptions { Streaming = new() { KeepaliveInterval = TimeSpan.Zero } } },
        { "G6_SSE_EVENTS_PER_SEC", new SummaryOptions { Streaming = new() { EventsPerSec = double.NaN } } },
        { "G6_SSE_FANOUT_WORKERS", new SummaryOptions { Streaming = new() { FanOutWorkers = 0 } } },
        { "G6_SSE_PORT", new SummaryOptions { Transport = new() { Port = 70_000 } } },
        { "G6_SSE_HOST", new SummaryOptions { Transport = new() { Host = "not a host" } } },
        { "G6_SSE_SEND_BUFFER_BYTES", new SummaryOptions { Transport = new() { SendBufferBytes = 100 } } },
        { "G6_SSE_MAX_CONNECTIONS", new SummaryOptions { Security = new() { MaxConnections = 0 } } },
        { "G6_SSE_API_TOKEN", new SummaryOptions { Security = new() { ApiTokens = ["two words"] } } },
        { "G6_METRICS_TOKEN", new SummaryOptions { Metrics = new() { Tokens = [""] } } },
        { "G6_SUMMARY_REFRESH_SEC", new SummaryOptions { Status = new() { RefreshInterval = TimeSpan.Zero } } },
        { "G6_SUMMARY_SOURCE", new SummaryOptions { Status = new() { Source = StatusSourceKind.File } } },
        { "G6_LOG_LEVEL", new SummaryOptions { Logging = new() { Level = (Microsoft.Extensions.Logging.LogLevel)42 } } },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Build_WithAnInvalidValueBuiltInCode_RefusesNamingTheVariable(string variable, SummaryOptions options)
    {
        var ex = Assert.Throws<InvalidSettingException>(() => SummaryServer.Build(options));
        Assert.Equal(variable, ex.Variable);
        Assert.StartsWith($"invalid setting {variable}: ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_AreValid()
    {
        new SummaryOptions().Validate();
    }
}
