using System.Text.Json;
using G6.Summary.Hosting;
using G6.Summary.Metrics;
using G6.Summary.Protocol.Payloads;
using G6.Summary.Snapshot;
using Microsoft.AspNetCore.Http;

namespace G6.Summary.Status;

/// <summary>
/// Turns a pushed status document into a published event: the same reader and mapper as the status
/// file (<see cref="StatusSnapshotReader"/>), then one cycle of the summary loop, whose publisher appends
/// to the <see cref="Publishing.IEventLog"/> like any cycle (so a shared log gets one event per push).
/// A bad document changes nothing: the last good state keeps streaming.
/// </summary>
public sealed class StatusPushReceiver(SummaryLoop loop, PushIdempotencyCache idempotency, ISummaryMetrics metrics, TimeProvider timeProvider)
{
    /// <summary>The answer for <paramref name="body"/> from <paramref name="publisher"/>; with a key, the first answer for that key.</summary>
    public async Task<(PushAnswer Answer, bool Replayed)> ReceiveAsync(string publisher, ReadOnlyMemory<byte> body, string? idempotencyKey, CancellationToken cancellationToken)
    {
        if (idempotencyKey is null)
        {
            return (await PublishAsync(body, cancellationToken), false);
        }

        // The publish itself is not cancelled by the client going away: a retry must find its answer.
        var (answer, replayed) = await idempotency.GetOrProcessAsync(publisher, idempotencyKey, body, () => PublishAsync(body, CancellationToken.None));
        answer ??= PushAnswer.Line(StatusCodes.Status422UnprocessableEntity, "Idempotency-Key already used for a different document", PushResults.KeyReused);
        return (answer, replayed);
    }

    private async Task<PushAnswer> PublishAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        var reading = StatusSnapshotReader.Read(body.Span);
        if (reading.Outcome != StatusReadOutcome.Fresh)
        {
            var failure = reading.Failure!;
            metrics.StatusReadFailed(failure.Reason);
            return PushAnswer.Line(StatusCodes.Status400BadRequest, failure.Message, PushResults.Invalid);
        }

        if (reading.Snapshot!.Schema == StatusSchema.Unknown)
        {
            // The file source shows such a file as unknown fields; a collector that pushes one has a bug worth telling it.
            return PushAnswer.Line(StatusCodes.Status400BadRequest,
                "document is not a status (no app, loop or market section, nor timestamp, cycle or indices_info)", PushResults.Invalid);
        }

        var outcome = await loop.PublishPushedAsync(reading.Snapshot, cancellationToken);
        if (outcome.Refused)
        {
            return PushAnswer.Line(StatusCodes.Status503ServiceUnavailable, "the event log is busy; push again", PushResults.Busy);
        }

        var state = outcome.State;
        IReadOnlyList<string> changed = outcome.Event is { } evt ? [.. evt.ChangedKeys] : [];
        if (outcome.Event is not null)
        {
            metrics.PushPublished(timeProvider.GetElapsedTime(started));
        }

        var payload = new PushAnswerPayload(state.Epoch, state.Seq, state.Digest, changed);
        return new PushAnswer(StatusCodes.Status200OK, JsonSerializer.SerializeToUtf8Bytes(payload, ProtocolJsonContext.Wire.PushAnswerPayload), true,
            outcome.Event is null ? PushResults.Unchanged : PushResults.Published);
    }
}
