using System.Globalization;
using System.Text;
using G6.Summary.Compression;
using G6.Summary.Endpoints;
using G6.Summary.Protocol;
using G6.Summary.Security;
using Microsoft.AspNetCore.WebUtilities;

namespace G6.Summary.Transport;

/// <summary>
/// The response heads the direct stream transport writes: the same status, headers and one-line
/// bodies as the Kestrel path (<see cref="Endpoints.EventsEndpoint"/>, <see cref="Endpoints.PlainText"/>),
/// with <c>Connection: close</c> since the connection ends with the response.
/// </summary>
internal static class DirectResponse
{
    /// <summary>
    /// The head of an admitted stream; the body runs until the connection closes. <paramref name="varies"/>:
    /// compression is on, so the answer depends on <c>Accept-Encoding</c>.
    /// </summary>
    public static byte[] StreamHead(string requestId, DateTimeOffset now, ContentCoding coding, bool varies) => Encoding.ASCII.GetBytes(
        "HTTP/1.1 200 OK\r\n" +
        $"Content-Type: {EventsEndpoint.ContentType}\r\n" +
        (coding == ContentCoding.Gzip ? $"Content-Encoding: {ContentNegotiation.Gzip}\r\n" : "") +
        (varies ? "Vary: Accept-Encoding\r\n" : "") +
        "Cache-Control: no-cache\r\n" +
        $"{HeaderNames.AccelBuffering}: no\r\n" +
        $"{RequestId.Header}: {requestId}\r\n" +
        $"Date: {now.ToString("R", CultureInfo.InvariantCulture)}\r\n" +
        "Connection: close\r\n\r\n");

    /// <summary>A refused admission: status, <c>Retry-After</c> when there is one, and one line.</summary>
    public static byte[] Refusal(Admission admission, string requestId, DateTimeOffset now)
    {
        var body = admission.Message + "\n";
        var head = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {admission.Status} {ReasonPhrases.GetReasonPhrase(admission.Status)}\r\n")
            .Append(CultureInfo.InvariantCulture, $"Content-Type: {PlainText.ContentType}\r\n")
            .Append("Cache-Control: no-store\r\n");
        if (admission.RetryAfterSeconds is { } seconds)
        {
            head.Append(CultureInfo.InvariantCulture, $"Retry-After: {seconds}\r\n");
        }

        head.Append(CultureInfo.InvariantCulture, $"{RequestId.Header}: {requestId}\r\n")
            .Append(CultureInfo.InvariantCulture, $"Date: {now.ToString("R", CultureInfo.InvariantCulture)}\r\n")
            .Append(CultureInfo.InvariantCulture, $"Content-Length: {Encoding.UTF8.GetByteCount(body)}\r\n")
            .Append("Connection: close\r\n\r\n")
            .Append(body);
        return Encoding.UTF8.GetBytes(head.ToString());
    }
}
