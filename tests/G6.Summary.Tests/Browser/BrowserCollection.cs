namespace G6.Summary.Tests.Browser;

/// <summary>The browser tests share one Chromium and run one after another (each drives real time).</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
