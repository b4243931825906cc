using G6.Summary.Protocol;
using G6.Summary.Streaming;
using Microsoft.Extensions.Hosting;

namespace G6.Summary.Hosting;

/// <summary>
/// Runs first when the host stops (SIGINT/SIGTERM): health turns to "stopping", the hub refuses
/// new streams with 503 and sends <c>bye</c> to the open ones, and we wait (bounded by the host's
/// shutdown timeout, <c>G6_SHUTDOWN_GRACE_SEC</c>) until they have closed. Kestrel then stops and the
/// summary loop ends.
/// </summary>
public sealed class StreamShutdownService(StreamHub hub, ServiceHealth health) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        health.Stopping();
        try
        {
            await hub.ShutdownAsync(ByeReasons.ShuttingDown, health.Cycle).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Grace period over: Kestrel aborts whatever is still open.
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
