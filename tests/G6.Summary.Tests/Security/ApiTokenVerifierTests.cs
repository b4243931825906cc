using G6.Summary.Security;
using Microsoft.Extensions.Primitives;

namespace G6.Summary.Tests.Security;

public sealed class ApiTokenVerifierTests
{
    [Fact]
    public void Match_NamesTheConfiguredTokenSent()
    {
        using var verifier = new ApiTokenVerifier(["first-token", "second-token"]);
        var configured = verifier.Tokens.Current.Credentials;
        Assert.Same(configured[0], verifier.Match("first-token"));
        Assert.Same(configured[1], verifier.Match("second-token"));
        Assert.Null(verifier.Match("second-token "));
        Assert.Null(verifier.Match(new StringValues(["first-token", "first-token"])));
        Assert.Null(verifier.Match(StringValues.Empty));
        Assert.True(verifier.Verify("second-token"));
        using var open = new ApiTokenVerifier([]);
        Assert.False(open.Verify("anything"));
    }

    [Fact]
    public void Credential_Id_IsShortStableAndNotTheToken()
    {
        var credential = Credential.For("tok-0a1b2c3d4e5f");
        Assert.Matches("^[0-9a-f]{8}$", credential.Id);
        Assert.Equal(credential.Id, Credential.For("tok-0a1b2c3d4e5f").Id);
        Assert.NotEqual(credential.Id, Credential.For("tok-0a1b2c3d4e5g").Id);
    }
}
