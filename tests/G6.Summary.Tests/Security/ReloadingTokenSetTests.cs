using G6.Summary.Security;
using G6.Summary.Tests.Integration;
using G6.Summary.Tests.TestSupport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace G6.Summary.Tests.Security;

/// <summary>
/// The reloading token set on its own, driven by a fake clock with the watcher off: every look at the file is
/// caused by the test (the periodic check is the safety net for watchers that miss atomic renames).
/// </summary>
public sealed class ReloadingTokenSetTests : IDisposable
{
    private static readonly TimeSpan Check = TimeSpan.FromSeconds(2);

    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _time = new();
    private readonly CapturingLoggerProvider _logs = new();
    private readonly ILoggerFactory _loggers;

    public ReloadingTokenSetTests()
    {
        _loggers = LoggerFactory.Create(logging => logging.AddProvider(_logs).SetMinimumLevel(LogLevel.Trace));
    }

    public void Dispose()
    {
        _loggers.Dispose();
        _dir.Dispose();
    }

    private string Path => _dir.File("tokens");

    private ReloadingTokenSet Start(params string[] tokens)
    {
        File.WriteAllText(Path, string.Join('\n', tokens) + "\n");
        return new ReloadingTokenSet("G6_TEST_TOKEN_FILE", Path, tokens, _time, _loggers.CreateLogger<ReloadingTokenSet>(), Check, watch: false);
    }

    // Written as editors and secret managers do: a new file renamed over the old one.
    private void Replace(string text)
    {
        var temporary = Path + ".new";
        File.WriteAllText(temporary, text);
        File.Move(temporary, Path, overwrite: true);
    }

    [Fact]
    public void Check_SeesAnAtomicReplace_KeepsKeptCredentials_RevokesRemovedOnes()
    {
        using var set = Start("tok-old-0a1b2c", "tok-kept-3d4e5f");
        var old = set.Current.Match("tok-old-0a1b2c")!;
        var kept = set.Current.Match("tok-kept-3d4e5f")!;
        var changes = new List<TokenSetChange>();
        set.Changed += changes.Add;

        Replace("tok-kept-3d4e5f\ntok-new-6a7b8c\n");
        Assert.Same(old, set.Match("tok-old-0a1b2c"));

        _time.Advance(Check);
        Assert.Null(set.Match("tok-old-0a1b2c"));
        Assert.Same(kept, set.Match("tok-kept-3d4e5f"));
        Assert.NotNull(set.Match("tok-new-6a7b8c"));
        Assert.True(old.IsRevoked);
        Assert.False(kept.IsRevoked);
        var change = Assert.Single(changes);
        Assert.Equal("G6_TEST_TOKEN_FILE", change.SettingName);
        Assert.Same(old, Assert.Single(change.Removed));
        Assert.Contains(_logs.Lines, l => l.Contains("G6_TEST_TOKEN_FILE: token file reloaded, 2 tokens (1 added, 1 removed)", StringComparison.Ordinal));
        Assert.DoesNotContain(_logs.Lines, l => l.Contains("tok-", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_SameTokensRewritten_NoChange()
    {
        using var set = Start("tok-a-0a1b2c", "tok-b-3d4e5f");
        var changes = 0;
        set.Changed += _ => changes++;
        Replace("tok-b-3d4e5f, tok-a-0a1b2c\n\n");
        _time.Advance(Check);
        _time.Advance(Check);
        Assert.Equal(0, changes);
        Assert.NotNull(set.Match("tok-a-0a1b2c"));
    }

    [Theory]
    [InlineData("", "the token file is empty")]
    [InlineData(" \n , \n", "the token file is empty")]
    [InlineData("tok with-space\n", "a token may hold only visible ASCII characters (no spaces)")]
    [InlineData(null, "the token file is missing")]
    public void Check_BadFile_KeepsLastGoodSet_WarnsOnce_ThenRecovers(string? text, string problem)
    {
        using var set = Start("tok-a-0a1b2c");
        var good = set.Current;
        if (text is null)
        {
            File.Delete(Path);
        }
        else
        {
            Replace(text);
        }

        _time.Advance(Check);
        _time.Advance(Check);
        _time.Advance(Check);
        Assert.Same(good, set.Current);
        Assert.NotNull(set.Match("tok-a-0a1b2c"));
        var warning = Assert.Single(_logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal));
        Assert.Contains($"G6_TEST_TOKEN_FILE: {problem}; keeping the last good set of 1 tokens", warning, StringComparison.Ordinal);

        Replace("tok-b-3d4e5f\n");
        _time.Advance(Check);
        Assert.Null(set.Match("tok-a-0a1b2c"));
        Assert.NotNull(set.Match("tok-b-3d4e5f"));
        Assert.Contains(_logs.Lines, l => l.Contains("the token file is readable again", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Watcher_SeesAChangeWithoutWaitingForTheCheck()
    {
        File.WriteAllText(Path, "tok-a-0a1b2c\n");

        // The fake clock never moves: only the watcher can make the set follow the file.
        using var set = new ReloadingTokenSet("G6_TEST_TOKEN_FILE", Path, ["tok-a-0a1b2c"], _time, _loggers.CreateLogger<ReloadingTokenSet>(), Check);
        Replace("tok-b-3d4e5f\n");
        await Wait.UntilAsync(() => set.Match("tok-b-3d4e5f") is not null, "the watcher's reload", TimeSpan.FromSeconds(10));
        Assert.Null(set.Match("tok-a-0a1b2c"));
    }

    [Fact]
    public void Fixed_NeverReloads()
    {
        using var set = ReloadingTokenSet.Fixed(["tok-a-0a1b2c"]);
        Assert.False(set.IsReloading);
        Assert.False(set.Reload());
        Assert.True(set.IsRequired);
    }
}
