using G6.Summary.Configuration;
using G6.Summary.Security;
using G6.Summary.Tests.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;

namespace G6.Summary.Tests.Configuration;

/// <summary>The push settings (<see cref="PublishOptions"/>) and the publish-token check.</summary>
public sealed class PublishOptionsTests
{
    private static SummaryOptions Load(params (string Key, string Value)[] values) =>
        SummaryOptionsLoader.Load(new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value)))
            .Build());

    [Fact]
    public void Load_NothingSet_PushOffWithDocumentedDefaults()
    {
        var publish = Load().Publish;
        Assert.False(publish.Enabled);
        Assert.Equal(1024 * 1024, publish.MaxBytes);
        Assert.Equal(new ConnectRate(120, TimeSpan.FromSeconds(60)), publish.Rate);
    }

    [Fact]
    public void Load_TokensSizeRate_AreBound_TokenFileToo()
    {
        var publish = Load(("G6_SUMMARY_SOURCE", "push"), ("G6_PUBLISH_TOKEN", "a1,b2"), ("G6_PUBLISH_MAX_BYTES", "4096"), ("G6_PUBLISH_RATE", "5/10")).Publish;
        Assert.Equal(["a1", "b2"], publish.Tokens);
        Assert.Equal(4096, publish.MaxBytes);
        Assert.Equal(new ConnectRate(5, TimeSpan.FromSeconds(10)), publish.Rate);

        using var dir = new TempDirectory();
        var file = dir.File("publish.token");
        File.WriteAllText(file, "from-file\n");
        Assert.Equal(["from-file"], Load(("G6_SUMMARY_SOURCE", "push"), ("G6_PUBLISH_TOKEN_FILE", file)).Publish.Tokens);
    }

    [Theory]
    [InlineData("G6_PUBLISH_MAX_BYTES", "10")]
    [InlineData("G6_PUBLISH_MAX_BYTES", "lots")]
    [InlineData("G6_PUBLISH_RATE", "fast")]
    [InlineData("G6_PUBLISH_TOKEN_FILE", "/nonexistent/publish.token")]
    public void Load_BadValue_NamesTheVariable(string name, string value)
    {
        var error = Assert.Throws<InvalidSettingException>(() => Load((name, value)));
        Assert.Equal(name, error.Variable);
    }

    [Fact]
    public void Load_PublishTokenAlsoAReaderToken_Refused()
    {
        var error = Assert.Throws<InvalidSettingException>(() => Load(("G6_SUMMARY_SOURCE", "push"), ("G6_SSE_API_TOKEN", "shared"), ("G6_PUBLISH_TOKEN", "own,shared")));
        Assert.Equal("G6_PUBLISH_TOKEN", error.Variable);
        Assert.DoesNotContain("shared", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("G6_SUMMARY_SOURCE", "push")]
    [InlineData("G6_PUBLISH_TOKEN", "t1")]
    public void Load_PushSourceAndPublishTokenOnlyTogether(string name, string value)
    {
        var error = Assert.Throws<InvalidSettingException>(() => Load((name, value)));
        Assert.Equal(name, error.Variable);
        Assert.Equal(StatusSourceKind.Push, Load(("G6_SUMMARY_SOURCE", "push"), ("G6_PUBLISH_TOKEN", "t1")).Status.EffectiveSource);
    }

    [Fact]
    public void Load_PushSourceWithStatusFile_Refused()
    {
        var error = Assert.Throws<InvalidSettingException>(() => Load(("G6_SUMMARY_SOURCE", "push"), ("G6_PUBLISH_TOKEN", "t1"), ("G6_SUMMARY_STATUS_FILE", "/tmp/s.json")));
        Assert.Equal("G6_SUMMARY_SOURCE", error.Variable);
    }

    [Theory]
    [InlineData(null, PublishTokenVerifier.Missing)]
    [InlineData("Basic cHVibGlzaA==", PublishTokenVerifier.Missing)]
    [InlineData("Bearer ", PublishTokenVerifier.Missing)]
    [InlineData("Bearer nope", PublishTokenVerifier.Wrong)]
    [InlineData("Bearer reader", PublishTokenVerifier.ReaderToken)]
    [InlineData("Bearer p1", PublishTokenVerifier.Accepted)]
    [InlineData("bearer p2", PublishTokenVerifier.Accepted)]
    public void Verify_AuthorizationHeader_PublisherOrWhyNot(string? header, int expected)
    {
        using var verifier = new PublishTokenVerifier(["p1", "p2"], ["reader"]);
        Assert.Equal(expected, verifier.Verify(header is null ? StringValues.Empty : new StringValues(header), out var publisher));
        Assert.Equal(expected == PublishTokenVerifier.Accepted, publisher is not null);
    }
}
