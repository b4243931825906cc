namespace G6.Summary.Bench.Simulation;

/// <summary>Writes a status file the way the platform's collectors do, so readers never see half a file.</summary>
public static class StatusFileWriter
{
    /// <summary>
    /// Writes <paramref name="content"/> to a temp file in the same directory, flushes it to disk and renames it
    /// over <paramref name="path"/>. The rename is atomic on one file system, which is why the temp file must
    /// live beside the target. Creates the directory if needed; removes the temp file if anything fails.
    /// </summary>
    public static async Task WriteAtomicallyAsync(string path, ReadOnlyMemory<byte> content, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(fullPath)!;
        Directory.CreateDirectory(directory);

        // Dot-prefixed so directory listings and globbing readers skip it.
        var tempPath = Path.Combine(directory, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0, FileOptions.Asynchronous))
            {
                await stream.WriteAsync(content, ct);

                // Without this a crash after the rename could leave the status file renamed but empty.
                stream.Flush(flushToDisk: true);
            }

            File.Move(tempPath, fullPath, overwrite: true);
        }
        catch
        {
            TryDelete(tempPath);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: the original failure is the one worth reporting.
        }
    }
}
