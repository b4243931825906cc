using G6.Summary.Protocol;

namespace G6.Summary.Tests.Protocol;

/// <summary>
/// Vectors computed outside this code base: the canonical text with Node's JSON.stringify and the
/// hash with crypto's sha256 (the first also with <c>printf '…' | sha256sum</c>); the digest with
/// <c>printf 'empty:…\nheader:…\n' | sha256sum</c>.
/// </summary>
public sealed class PanelHasherTests
{
    [Theory]
    [InlineData("1093b34ae5b43b9ecaa9f67c63bf88a2eb3d55dfc03d5d13fe63daa991a2588b", "header", "G6 Summary", new[] { "app: g6" })]
    [InlineData("9d5c940dff2398f3ffa17e6b390e655d38001ccd636b211f17a6ebdae8ad89ec", "indices", "Indices ✓", new[] { "NIFTY  19,980.40 ▲ 0.10%", "—" })]
    [InlineData("3753e95c5f88be3d0fe210c5fd62faebb3439260cf32e6404588b1e07d362cfd", "x", "quote \" and backslash \\", new[] { "tab\there", "\u0001ctrl", "\u001f", "\u007f", "😀" })]
    [InlineData("a89479969faa2f1e08b2506b7730637216224d14be938a4526abc03b08d4aff7", "empty", "Empty", new string[0])]
    public void HashPanel_KnownVector_MatchesIndependentComputation(string expected, string key, string title, string[] lines)
    {
        Assert.Equal(expected, PanelHasher.HashPanel(key, title, lines));
    }

    [Fact]
    public void StringArrayToText_EscapesLikeJsonStringify()
    {
        var text = CanonicalJson.StringArrayToText(["x", "quote \" and backslash \\", "tab\there", "\u0001ctrl", "\u001f", "\u007f", "😀"]);
        Assert.Equal("[\"x\",\"quote \\\" and backslash \\\\\",\"tab\\there\",\"\\u0001ctrl\",\"\\u001f\",\"\u007f\",\"😀\"]", text);
    }

    [Fact]
    public void Digest_KeysInOrdinalOrder_MatchesIndependentComputation()
    {
        var digest = PanelHasher.Digest(
        [
            KeyValuePair.Create("header", "1093b34ae5b43b9ecaa9f67c63bf88a2eb3d55dfc03d5d13fe63daa991a2588b"),
            KeyValuePair.Create("empty", "a89479969faa2f1e08b2506b7730637216224d14be938a4526abc03b08d4aff7"),
        ]);

        Assert.Equal("813ef394d2646852440d464d0da959243f11d988a23d140f252e20485914b056", digest);
    }

    [Fact]
    public void Digest_NoPanels_IsHashOfEmptyInput()
    {
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", PanelHasher.Digest([]));
    }

    [Fact]
    public void HashPanel_AnyLineChange_ChangesHash()
    {
        var a = PanelHasher.HashPanel("k", "T", ["one", "two"]);
        var b = PanelHasher.HashPanel("k", "T", ["one", "two "]);
        var c = PanelHasher.HashPanel("k", "T", ["one,two"]);
        Assert.NotEqual(a, b);
        Assert.NotEqual(a, c);
    }
}
