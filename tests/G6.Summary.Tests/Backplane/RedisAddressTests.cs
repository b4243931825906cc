using System.Net;
using G6.Summary.Backplane;

namespace G6.Summary.Tests.Backplane;

public sealed class RedisAddressTests
{
    [Fact]
    public void Parse_ConfigurationString_KeepsItsOptions()
    {
        var options = RedisAddress.Parse("cache.internal:6380,password=s3cret,ssl=true,asyncTimeout=750")!;
        Assert.Equal("cache.internal:6380", RedisAddress.Describe(options));
        Assert.Equal("s3cret", options.Password);
        Assert.True(options.Ssl);
        Assert.Equal(750, options.AsyncTimeout);
        Assert.False(options.AbortOnConnectFail);
    }

    [Fact]
    public void Parse_ConfigurationStringWithoutTimeouts_GetsTheServiceDefaults()
    {
        var options = RedisAddress.Parse("127.0.0.1:6379")!;
        Assert.Equal(2000, options.AsyncTimeout);
        Assert.Equal(2000, options.SyncTimeout);
    }

    [Fact]
    public void Parse_RedisUrl_HostPortUserPasswordDatabase()
    {
        var options = RedisAddress.Parse("redis://svc:p%40ss@10.0.0.5:7000/3")!;
        var endpoint = Assert.IsType<IPEndPoint>(Assert.Single(options.EndPoints));
        Assert.Equal(7000, endpoint.Port);
        Assert.Equal("svc", options.User);
        Assert.Equal("p@ss", options.Password);
        Assert.Equal(3, options.DefaultDatabase);
        Assert.False(options.Ssl);
    }

    [Fact]
    public void Parse_RedissUrlWithoutPort_TlsOnTheDefaultPort()
    {
        var options = RedisAddress.Parse("rediss://secret@cache.example.com")!;
        Assert.True(options.Ssl);
        Assert.Equal("secret", options.Password);
        Assert.Null(options.User);
        Assert.Contains("6379", RedisAddress.Describe(options), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://cache:6379")]
    [InlineData("redis://")]
    [InlineData("redis://host/notadb")]
    [InlineData("redis://host/99")]
    [InlineData("redis://host:6379?x=1")]
    [InlineData(",,,")]
    public void Parse_NeitherForm_Null(string value) => Assert.Null(RedisAddress.Parse(value));

    [Fact]
    public void Describe_NeverShowsThePassword() =>
        Assert.DoesNotContain("hunter2", RedisAddress.Describe(RedisAddress.Parse("redis://:hunter2@cache:6379")!), StringComparison.Ordinal);
}
