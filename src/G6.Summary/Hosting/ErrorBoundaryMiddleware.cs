using G6.Summary.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace G6.Summary.Hosting;

/// <summary>
/// The outermost handler: an unexpected failure becomes a generic 500 with one plain line and a log
/// line naming only the exception type. No stack trace or exception text ever leaves the process.
/// </summary>
public sealed partial class ErrorBoundaryMiddleware(RequestDelegate next, ILogger<ErrorBoundaryMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client left; nothing to answer.
        }
        catch (Exception ex)
        {
            LogUnhandled(ex.GetType().Name);
            if (!context.Response.HasStarted)
            {
                context.Response.Clear();
                await PlainText.WriteAsync(context, StatusCodes.Status500InternalServerError, "internal error");
            }
            else
            {
                context.Abort();
            }
        }
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Error, Message = "Request failed unexpectedly ({ErrorType}); answered 500")]
    private partial void LogUnhandled(string errorType);
}
