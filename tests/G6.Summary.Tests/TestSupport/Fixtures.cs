namespace G6.Summary.Tests.TestSupport;

/// <summary>
/// Finds the shared status fixtures: <c>../shared/fixtures/status</c> beside the repository (the folder
/// holding <c>G6.Summary.slnx</c>), or under <c>$G6_SHARED_DIR</c> when set.
/// </summary>
public static class Fixtures
{
    public const string SharedDirVariable = "G6_SHARED_DIR";
    private const string SolutionFile = "G6.Summary.slnx";

    private static readonly Lazy<string> LocatedStatusDirectory = new(Locate);

    public static string StatusDirectory => LocatedStatusDirectory.Value;

    /// <summary>File names (not paths) of every status fixture, in ordinal order.</summary>
    public static IReadOnlyList<string> StatusFileNames =>
        [.. Directory.GetFiles(StatusDirectory, "*.json").Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal)];

    public static TheoryData<string> StatusFiles => [.. StatusFileNames];

    public static byte[] ReadStatus(string fileName) => File.ReadAllBytes(Path.Combine(StatusDirectory, fileName));

    /// <summary>The repository's top folder (holding the solution), for files the tests share with operators (deploy/).</summary>
    public static string RepositoryRoot => FindSolutionRoot()
        ?? throw new InvalidOperationException($"Could not find {SolutionFile} above {AppContext.BaseDirectory}.");

    private static string Locate()
    {
        var shared = Environment.GetEnvironmentVariable(SharedDirVariable);
        string statusDir;
        if (!string.IsNullOrWhiteSpace(shared))
        {
            statusDir = Path.Combine(shared, "fixtures", "status");
        }
        else
        {
            var root = FindSolutionRoot() ?? throw new InvalidOperationException(
                $"Could not find {SolutionFile} above {AppContext.BaseDirectory}; set {SharedDirVariable} to the shared folder.");
            statusDir = Path.GetFullPath(Path.Combine(root, "..", "shared", "fixtures", "status"));
        }

        if (!Directory.Exists(statusDir) || Directory.GetFiles(statusDir, "*.json").Length == 0)
        {
            throw new InvalidOperationException(
                $"Status fixtures not found in {statusDir}; set {SharedDirVariable} to the folder holding fixtures/status.");
        }

        return statusDir;
    }

    private static string? FindSolutionRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
