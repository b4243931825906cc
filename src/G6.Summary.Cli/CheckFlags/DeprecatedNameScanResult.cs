namespace G6.Summary.Cli.CheckFlags;

/// <summary>What one <see cref="DeprecatedNameScanner.Scan"/> run found.</summary>
/// <param name="Findings">Sorted by path (ordinal), line, then name; one entry per name per line.</param>
/// <param name="FilesScanned">Text files actually searched (exempt, binary, oversized and unreadable files are not counted).</param>
/// <param name="UnreadableFiles">Files that could not be opened or read, relative to the scan root and sorted; they were not searched.</param>
public sealed record DeprecatedNameScanResult(
    IReadOnlyList<DeprecatedNameFinding> Findings,
    int FilesScanned,
    IReadOnlyList<string> UnreadableFiles);
