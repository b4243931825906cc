namespace G6.Summary.Protocol.Payloads;

/// <summary>
/// The body of a <c>200</c> answer to <c>POST /summary/status</c>: where the log stands once the push is
/// in it. <see cref="Changed"/> is empty (and <see cref="Seq"/> is the log's existing head) when the
/// document changed no panel, so no event was published.
/// </summary>
public sealed record PushAnswerPayload(string Epoch, long Seq, string Digest, IReadOnlyList<string> Changed);
