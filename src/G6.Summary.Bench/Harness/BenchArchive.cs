using System.Globalization;

namespace G6.Summary.Bench.Harness;

/// <summary>Where a benchmark's JSON result goes: <c>ARCHIVE/yyyy-MM-dd/NAME.json</c>, one dated folder per day.</summary>
public static class BenchArchive
{
    /// <summary>Writes <paramref name="json"/> and returns the file's path; without a name, <c>PREFIX-HHmmss</c>.</summary>
    public static async Task<string> WriteAsync(string archive, string? name, string prefix, DateTimeOffset startedAt, string json, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(archive, startedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, (name ?? prefix + "-" + startedAt.ToString("HHmmss", CultureInfo.InvariantCulture)) + ".json");
        await File.WriteAllTextAsync(file, json + "\n", cancellationToken);
        return file;
    }
}
