using System.Security.Cryptography;
using G6.Summary.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace G6.Summary.Security;

/// <summary>
/// <c>X-Request-ID</c>: a client's id made of <c>[A-Za-z0-9_-]{1,64}</c> is kept, anything else is
/// replaced by a generated one; either way it is echoed on the answer and used in audit lines.
/// </summary>
public static class RequestId
{
    public const string Header = HeaderNames.RequestId;
    private const string ItemKey = "g6.request_id";

    public static string Of(HttpContext context) =>
        context.Items.TryGetValue(ItemKey, out var id) && id is string text ? text : Assign(context);

    /// <summary>Chooses the request's id and sets the response header.</summary>
    public static string Assign(HttpContext context)
    {
        var id = Choose(context.Request.Headers[Header]);
        context.Items[ItemKey] = id;
        context.Response.Headers[Header] = id;
        return id;
    }

    /// <summary>The client's id if it sent exactly one valid one, else a new random one.</summary>
    public static string Choose(StringValues sent) =>
        sent.Count == 1 && IsValid(sent[0]) ? sent[0]! : Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    public static bool IsValid(string? id) =>
        id is { Length: > 0 and <= 64 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');
}
