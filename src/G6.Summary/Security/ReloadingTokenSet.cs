using G6.Summary.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Primitives;

namespace G6.Summary.Security;

/// <summary>
/// The tokens of one setting (<c>G6_SSE_API_TOKEN_FILE</c>, <c>G6_METRICS_TOKEN_FILE</c>, a publish token
/// file, ...), re-read from their file when it changes, without a restart. <see cref="Current"/> is always a
/// whole, valid set: a file that becomes unreadable, empty or invalid keeps the last good set (and logs a
/// warning once), so a botched edit never opens the door or locks everyone out.
/// </summary>
/// <remarks>
/// <para>How a change is seen: a <see cref="FileSystemWatcher"/> on the file's folder reloads within
/// milliseconds, and a check every <see cref="CheckInterval"/> (on the service's clock) re-reads the file and
/// compares its text with the last text seen, as a safety net: inotify watches names, and an editor's or
/// Kubernetes' atomic replace (a rename over the file, or the <c>..data</c> symlink swap of a mounted secret)
/// is missed by some watchers and on some file systems (NFS, some container overlays) nothing is reported at
/// all. Reading a file of a few lines every two seconds costs nothing measurable.</para>
/// <para>A writer that truncates and then writes (<c>echo tok &gt; file</c>) can be caught in between: a
/// watcher-triggered read that finds the file empty or unreadable says nothing and leaves the judgement to the
/// next check, which warns only if the file is still bad.</para>
/// <para>Removed tokens' <see cref="Credential"/>s are revoked before <see cref="Changed"/> is raised, so by
/// the time a listener looks, admission already refuses them.</para>
/// </remarks>
public sealed partial class ReloadingTokenSet : IDisposable
{
    /// <summary>The safety-net check: a removed token is refused within this time even when no watcher event comes.</summary>
    public static readonly TimeSpan DefaultCheckInterval = TimeSpan.FromSeconds(2);

    private readonly string? _path;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private readonly ITimer? _timer;
    private readonly FileSystemWatcher? _watcher;
    private volatile TokenSet _current;
    private string? _lastText;
    private string? _failing;
    private bool _disposed;

    /// <param name="settingName">The setting named in log lines, e.g. <c>G6_SSE_API_TOKEN_FILE</c>.</param>
    /// <param name="path">The token file; null for a fixed set (tokens given inline, or none).</param>
    /// <param name="initial">The tokens read and validated at start (start-up fails on a bad file; reloads never do).</param>
    /// <param name="watch">False leaves only the periodic check (tests of the safety net).</param>
    public ReloadingTokenSet(string settingName, string? path, IReadOnlyList<string> initial, TimeProvider time, ILogger logger, TimeSpan? checkInterval = null, bool watch = true)
    {
        ArgumentNullException.ThrowIfNull(initial);
        ArgumentNullException.ThrowIfNull(time);
        SettingName = settingName;
        _logger = logger;
        _current = TokenSet.Of(initial);
        CheckInterval = checkInterval ?? DefaultCheckInterval;
        if (path is null)
        {
            return;
        }

        _path = Path.GetFullPath(path);
        _lastText = TryRead(out var text) is null ? text : null;
        _timer = time.CreateTimer(static self => ((ReloadingTokenSet)self!).Reload(fromWatcher: false), this, CheckInterval, CheckInterval);
        if (watch)
        {
            _watcher = TryWatch(_path);
        }
    }

    /// <summary>A set that never changes (tokens given inline, or none).</summary>
    public static ReloadingTokenSet Fixed(IReadOnlyList<string> tokens, string settingName = "") =>
        new(settingName, null, tokens, TimeProvider.System, NullLogger.Instance);

    public string SettingName { get; }

    public TimeSpan CheckInterval { get; }

    /// <summary>True when the set follows a file.</summary>
    public bool IsReloading => _path is not null;

    /// <summary>The tokens accepted now.</summary>
    public TokenSet Current => _current;

    public bool IsRequired => _current.IsRequired;

    /// <summary>Raised (on a timer or watcher thread, one at a time) after a reload changed the set.</summary>
    public event Action<TokenSetChange>? Changed;

    /// <inheritdoc cref="TokenSet.Match"/>
    public Credential? Match(StringValues header) => _current.Match(header);

    /// <summary>Looks at the file now (what the timer and the watcher call); true when the set changed.</summary>
    public bool Reload() => Reload(fromWatcher: false);

    private bool Reload(bool fromWatcher)
    {
        if (_path is null)
        {
            return false;
        }

        TokenSetChange? change;
        lock (_lock)
        {
            if (_disposed)
            {
                return false;
            }

            var problem = TryRead(out var text);
            if (problem is null && text == _lastText)
            {
                ClearFailure();
                return false;
            }

            var tokens = problem is null ? TokenList.Parse(text!) : [];
            problem ??= TokenList.FileProblem(tokens);
            if (problem is not null)
            {
                // A half-written file seen by the watcher is looked at again by the next check before anyone is told.
                if (!fromWatcher && _failing != problem)
                {
                    _failing = problem;
                    LogKeptLastGood(SettingName, problem, _current.Credentials.Count);
                }

                return false;
            }

            _lastText = text;
            ClearFailure();
            var next = _current.With(tokens, out var removed);
            var added = next.Credentials.Count(c => !_current.Credentials.Contains(c));
            if (added == 0 && removed.Count == 0 && next.Credentials.Count == _current.Credentials.Count)
            {
                // Same tokens, written differently (order, blanks, commas): nothing to tell.
                _current = next;
                return false;
            }

            foreach (var credential in removed)
            {
                credential.Revoke();
            }

            _current = next;
            LogReloaded(SettingName, next.Credentials.Count, added, removed.Count);
            change = new TokenSetChange(SettingName, next, removed);
        }

        Changed?.Invoke(change);
        return true;
    }

    private void ClearFailure()
    {
        if (_failing is not null)
        {
            _failing = null;
            LogReadable(SettingName);
        }
    }

    /// <summary>Null and the file's text, or what is wrong (never an exception's text: it may quote the file).</summary>
    private string? TryRead(out string? text)
    {
        text = null;
        try
        {
            var info = new FileInfo(_path!);
            if (!info.Exists)
            {
                return "the token file is missing";
            }

            if (info.Length > TokenList.MaxFileBytes)
            {
                return $"the token file is larger than {TokenList.MaxFileBytes} bytes";
            }

            text = File.ReadAllText(_path!);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "the token file cannot be read";
        }
    }

    private FileSystemWatcher? TryWatch(string path)
    {
        var folder = Path.GetDirectoryName(path)!;
        var name = Path.GetFileName(path);
        try
        {
            var watcher = new FileSystemWatcher(folder)
            {
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
                IncludeSubdirectories = false,
            };

            // The file itself, or a Kubernetes secret mount's "..data" link being swapped.
            void OnEvent(string? changed)
            {
                if (changed == name || changed?.StartsWith("..", StringComparison.Ordinal) == true)
                {
                    Reload(fromWatcher: true);
                }
            }

            watcher.Changed += (_, e) => OnEvent(e.Name);
            watcher.Created += (_, e) => OnEvent(e.Name);
            watcher.Deleted += (_, e) => OnEvent(e.Name);
            watcher.Renamed += (_, e) => OnEvent(e.Name);
            watcher.EnableRaisingEvents = true;
            return watcher;
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or PlatformNotSupportedException or UnauthorizedAccessException)
        {
            // E.g. the inotify instance limit: the periodic check still sees every change, a little later.
            LogNotWatched(SettingName, CheckInterval.TotalSeconds);
            return null;
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
        }

        _timer?.Dispose();
        _watcher?.Dispose();
    }
}
