namespace G6.Summary.Browser;

/// <summary>One file of the browser dashboard, held in memory as served: bytes, media type and entity tag.</summary>
/// <param name="Path">The request path that serves it, e.g. <c>/dashboard/app.js</c>.</param>
/// <param name="ETag">A strong entity tag made of the content's SHA-256, so it changes exactly when the bytes do.</param>
public sealed record DashboardAsset(string Path, ReadOnlyMemory<byte> Content, string ContentType, string ETag);
