namespace G6.Summary.Tests.Browser;

/// <summary>
/// The browser tests share one Chromium and run one after another, and after every other test rather than
/// beside them: Chromium's renderers take a core, which would make timing-sensitive tests elsewhere wait for
/// the CPU, and the restart tests reopen a port a moment after closing it, which a server started by a test
/// running alongside could otherwise be given.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
