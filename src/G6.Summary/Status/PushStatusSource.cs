namespace G6.Summary.Status;

/// <summary>
/// The status source of <c>G6_SUMMARY_SOURCE=push</c>: collectors send the status to
/// <c>POST /summary/status</c>, and each push is published on arrival (<see cref="Hosting.SummaryLoop.PublishPushedAsync"/>).
/// The loop's timed cycles read nothing new from here; they keep heartbeats and health going, and
/// health turns stale when no push came for <c>G6_SUMMARY_STALE_SEC</c>.
/// </summary>
public sealed class PushStatusSource : IStatusSource
{
    public string Description => "push (POST /summary/status)";

    public ValueTask<StatusReading> ReadAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(StatusReading.Unchanged);
}
