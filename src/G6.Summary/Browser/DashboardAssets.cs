using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;

namespace G6.Summary.Browser;

/// <summary>
/// The dashboard's files, embedded in this assembly (<c>Browser/wwwroot</c>, see the project file) and read
/// once: the page works on an air-gapped host, needs no build step, and a deployment cannot serve a page that
/// does not match its server.
/// </summary>
public sealed class DashboardAssets
{
    /// <summary>Where the page's own files live; the page itself is served at <c>/</c>.</summary>
    public const string Prefix = "/dashboard/";

    public const string IndexFile = "index.html";

    // The project file names every embedded dashboard file "dashboard/<name>".
    private const string ResourcePrefix = "dashboard/";

    private readonly FrozenDictionary<string, DashboardAsset> _byPath;

    public DashboardAssets()
        : this(typeof(DashboardAssets).Assembly)
    {
    }

    internal DashboardAssets(Assembly assembly)
    {
        var assets = new Dictionary<string, DashboardAsset>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var bytes = copy.ToArray();
            var file = name[ResourcePrefix.Length..];
            var path = Prefix + file;
            assets[path] = new DashboardAsset(path, bytes, ContentTypeOf(file), ETagOf(bytes));
        }

        _byPath = assets.ToFrozenDictionary(StringComparer.Ordinal);
        Index = _byPath.TryGetValue(Prefix + IndexFile, out var index)
            ? index
            : throw new InvalidOperationException($"the dashboard's {IndexFile} is not embedded in {assembly.GetName().Name}");
    }

    /// <summary>The page (<c>GET /</c>).</summary>
    public DashboardAsset Index { get; }

    /// <summary>Every file, by the path that serves it.</summary>
    public IReadOnlyCollection<DashboardAsset> All => _byPath.Values;

    /// <summary>Total bytes of every file: the page's whole weight, uncompressed.</summary>
    public long TotalBytes => _byPath.Values.Sum(a => (long)a.Content.Length);

    public bool TryGet(string path, out DashboardAsset asset) => _byPath.TryGetValue(path, out asset!);

    private static string ContentTypeOf(string file) => Path.GetExtension(file).ToLowerInvariant() switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        _ => "application/octet-stream",
    };

    // 128 bits of the hash: unique for a handful of files, short in every response.
    private static string ETagOf(byte[] bytes) => $"\"{Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 16))}\"";
}
