using G6.Summary.Security;
using Microsoft.Extensions.Primitives;

namespace G6.Summary.Tests.Security;

public sealed class ApiTokenVerifierTests
{
    [Fact]
    public void Match_NamesTheConfiguredTokenSent()
    {
        var verifier = new ApiTokenVerifier(["first-token", "second-token"]);
        Assert.Equal(0, verifier.Match("first-token"));
        Assert.Equal(1, verifier.Match("second-token"));
        Assert.Equal(-1, verifier.Match("second-token "));
        Assert.Equal(-1, verifier.Match(new StringValues(["first-token", "first-token"])));
        Assert.Equal(-1, verifier.Match(StringValues.Empty));
        Assert.True(verifier.Verify("second-token"));
        Assert.False(new ApiTokenVerifier([]).Verify("anything"));
    }
}
