using System.Security.Cryptography;
using G6.Summary.Snapshot;
using Microsoft.Extensions.Logging;

namespace G6.Summary.Status;

/// <summary>
/// Reads the status file the platform rewrites every cycle. Change is noticed two ways: a
/// <see cref="FileSystemWatcher"/> flag (fast, catches same-size rewrites within one timestamp tick) and a
/// length + last-write-time comparison on every call (the fallback when the watcher is missing, dead or
/// lagging). Content identical to the last fresh read is reported as unchanged, by hash.
/// </summary>
/// <remarks>Calls to <see cref="ReadAsync"/> are expected from one loop at a time.</remarks>
public sealed partial class FileStatusSource : IStatusSource, IDisposable
{
    /// <summary>
    /// How long to wait before trying again to create a watcher that could not be created (inotify limits
    /// reached, for one). Polling works meanwhile, so retrying every cycle would only add log noise.
    /// </summary>
    private static readonly TimeSpan WatcherRetryInterval = TimeSpan.FromSeconds(30);

    // Buffers start here and grow to the limit; real status files are a few kilobytes.
    private const int InitialBufferBytes = 16 * 1024;

    private readonly string _path;
    private readonly string _directory;
    private readonly string _fileName;
    private readonly long _maxBytes;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<FileStatusSource> _logger;
    private readonly Lock _watcherGate = new();

    private FileSystemWatcher? _watcher;
    private DateTimeOffset _nextWatcherAttempt = DateTimeOffset.MinValue;
    private bool _disposed;

    // Set by watcher callbacks on pool threads; cleared by the reader before it reads.
    private int _changed = 1;
    private int _watcherBroken;

    private (long Length, DateTime LastWriteUtc)? _lastStamp;
    private byte[]? _lastFreshHash;
    private string? _failureReason;

    /// <param name="path">The status file. Its directory need not exist yet.</param>
    /// <param name="maxBytes">Largest file accepted; anything bigger fails as <c>too_large</c>.</param>
    public FileStatusSource(string path, long maxBytes, TimeProvider timeProvider, ILogger<FileStatusSource> logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxBytes, Array.MaxLength - 1L);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);

        _path = Path.GetFullPath(path);
        _fileName = Path.GetFileName(_path);
        if (_fileName.Length == 0)
        {
            throw new ArgumentException("The status path names a directory, not a file.", nameof(path));
        }

        _directory = Path.GetDirectoryName(_path)!;
        _maxBytes = maxBytes;
        _timeProvider = timeProvider;
        _logger = logger;
        Description = $"file {path}";
    }

    public string Description { get; }

    public async ValueTask<StatusReading> ReadAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        EnsureWatcher();

        var stamp = TryStat(out var statFailure);
        if (stamp is null)
        {
            _lastStamp = null;
            return Fail(statFailure!);
        }

        // Clear the flag before reading: a write that lands during the read sets it again for next time.
        var watcherSawChange = Interlocked.Exchange(ref _changed, 0) == 1;
        if (!watcherSawChange && _failureReason is null && stamp == _lastStamp)
        {
            return StatusReading.Unchanged;
        }

        var (bytes, length, readFailure) = await ReadBoundedAsync(cancellationToken);
        if (readFailure is not null)
        {
            return Fail(readFailure);
        }

        var content = bytes.AsSpan(0, length);
        var hash = SHA256.HashData(content);
        if (_lastFreshHash is not null && hash.AsSpan().SequenceEqual(_lastFreshHash))
        {
            // Same bytes rewritten (the platform writes every cycle even when nothing moved).
            _lastStamp = stamp;
            Recovered();
            return StatusReading.Unchanged;
        }

        var reading = StatusSnapshotReader.Read(content);
        if (reading.Outcome != StatusReadOutcome.Fresh)
        {
            return Fail(reading);
        }

        _lastStamp = stamp;
        _lastFreshHash = hash;
        Recovered();
        return reading;
    }

    public void Dispose()
    {
        lock (_watcherGate)
        {
            _disposed = true;
            _watcher?.Dispose();
            _watcher = null;
        }
    }

    private (long Length, DateTime LastWriteUtc)? TryStat(out StatusReading? failure)
    {
        failure = null;
        try
        {
            var info = new FileInfo(_path);
            if (info.Exists)
            {
                return (info.Length, info.LastWriteTimeUtc);
            }

            failure = Directory.Exists(_directory)
                ? StatusReading.Failed(StatusReadFailureReasons.Missing, $"status file {_fileName} not found")
                : StatusReading.Failed(StatusReadFailureReasons.Missing, $"directory of status file {_fileName} not found");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            failure = IoError(ex);
        }

        return null;
    }

    private async ValueTask<(byte[] Bytes, int Length, StatusReading? Failure)> ReadBoundedAsync(CancellationToken cancellationToken)
    {
        // One byte past the limit tells "exactly at the limit" from "over it" without trusting the length
        // reported by stat, which a writer may be changing under us.
        var limit = (int)(_maxBytes + 1);
        try
        {
            await using var stream = new FileStream(_path, new FileStreamOptions
            {
                Mode = FileMode.Open,
                Access = FileAccess.Read,

                // The platform may be rewriting, renaming or deleting the file while we read it.
                Share = FileShare.ReadWrite | FileShare.Delete,
                BufferSize = 0,
                Options = FileOptions.SequentialScan,
            });

            var buffer = new byte[Math.Min(limit, InitialBufferBytes)];
            var total = 0;
            while (true)
            {
                if (total == buffer.Length)
                {
                    if (buffer.Length >= limit)
                    {
                        break;
                    }

                    Array.Resize(ref buffer, (int)Math.Min(limit, buffer.Length * 2L));
                }

                var read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken);
                if (read == 0)
                {
                    break;
                }

                total += read;
            }

            if (total > _maxBytes)
            {
                return ([], 0, StatusReading.Failed(
                    StatusReadFailureReasons.TooLarge, $"status file {_fileName} is larger than {_maxBytes} bytes"));
            }

            return (buffer, total, null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            // Deleted between stat and open.
            return ([], 0, StatusReading.Failed(StatusReadFailureReasons.Missing, $"status file {_fileName} not found"));
        }
        catch (Exception ex)
        {
            return ([], 0, IoError(ex));
        }
    }

    private StatusReading IoError(Exception ex) => StatusReading.Failed(
        StatusReadFailureReasons.IoError,
        ex is UnauthorizedAccessException
            ? $"status file {_fileName} could not be read (access denied)"
            : $"status file {_fileName} could not be read (I/O error)");

    private StatusReading Fail(StatusReading failed)
    {
        // Ask for a fresh read next call even if the file's stamp does not move: the writer may have
        // finished within the same timestamp tick.
        Interlocked.Exchange(ref _changed, 1);
        var failure = failed.Failure!;
        if (_failureReason != failure.Reason)
        {
            LogReadFailed(_fileName, failure.Reason, failure.Message);
        }

        _failureReason = failure.Reason;
        return failed;
    }

    private void Recovered()
    {
        if (_failureReason is not null)
        {
            LogReadRecovered(_fileName);
            _failureReason = null;
        }
    }

    private void EnsureWatcher()
    {
        lock (_watcherGate)
        {
            if (_disposed)
            {
                return;
            }

            var directoryExists = Directory.Exists(_directory);
            if (_watcher is not null)
            {
                if (directoryExists && Volatile.Read(ref _watcherBroken) == 0)
                {
                    return;
                }

                // The directory went away (and the watch with it) or the watcher overflowed or failed.
                // A directory deleted and re-created between two calls is not detected here; polling covers it.
                _watcher.Dispose();
                _watcher = null;
                Interlocked.Exchange(ref _changed, 1);
            }

            var now = _timeProvider.GetUtcNow();
            if (!directoryExists || now < _nextWatcherAttempt)
            {
                return;
            }

            FileSystemWatcher? watcher = null;
            try
            {
                watcher = new FileSystemWatcher(_directory, _fileName)
                {
                    NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
                    IncludeSubdirectories = false,
                };
                watcher.Changed += OnFileEvent;
                watcher.Created += OnFileEvent;
                watcher.Deleted += OnFileEvent;

                // Collectors write a temp file and rename it over the status file.
                watcher.Renamed += OnFileEvent;
                watcher.Error += OnWatcherError;
                watcher.EnableRaisingEvents = true;
                Volatile.Write(ref _watcherBroken, 0);
                _watcher = watcher;

                // Changes before the watch began were not seen by it.
                Interlocked.Exchange(ref _changed, 1);
            }
            catch (Exception ex)
            {
                watcher?.Dispose();
                _nextWatcherAttempt = now + WatcherRetryInterval;
                LogWatcherUnavailable(_fileName, ex.GetType().Name);
            }
        }
    }

    private void OnFileEvent(object sender, FileSystemEventArgs e) => Interlocked.Exchange(ref _changed, 1);

    private void OnWatcherError(object sender, ErrorEventArgs e)
    {
        Interlocked.Exchange(ref _changed, 1);
        Volatile.Write(ref _watcherBroken, 1);
    }
}
