using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http;

namespace G6.Summary.Streaming;

/// <summary>A stream served through Kestrel's HTTP pipeline: frames go to the response body's pipe.</summary>
internal sealed class KestrelStreamConnection(HttpContext context) : StreamConnection
{
    private readonly PipeWriter _writer = context.Response.BodyWriter;
    private CancellationTokenRegistration _abortWake;

    public override CancellationToken Aborted => context.RequestAborted;

    public override void Write(ReadOnlyMemory<byte> frame) => _writer.Write(frame.Span);

    public override ValueTask<bool> FlushAsync(CancellationToken cancellationToken = default)
    {
        var pending = _writer.FlushAsync(cancellationToken);
        return pending.IsCompletedSuccessfully ? new ValueTask<bool>(IsOpen(pending.Result)) : AwaitAsync(pending);

        static async ValueTask<bool> AwaitAsync(ValueTask<FlushResult> pending) => IsOpen(await pending);
    }

    public override void Abort()
    {
        try
        {
            context.Abort();
        }
        catch (ObjectDisposedException)
        {
            // The request already finished; there is nothing left to close.
        }
    }

    internal override void WakeOnAbort(Doorbell bell) =>
        _abortWake = context.RequestAborted.UnsafeRegister(static b => ((Doorbell)b!).Ring(), bell);

    internal override void StopWakingOnAbort() => _abortWake.Dispose();

    private static bool IsOpen(FlushResult result) => !result.IsCanceled && !result.IsCompleted;
}
