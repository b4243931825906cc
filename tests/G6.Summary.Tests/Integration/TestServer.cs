using G6.Summary.Configuration;
using G6.Summary.Hosting;
using G6.Summary.Publishing;
using G6.Summary.Status;
using G6.Summary.Streaming;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace G6.Summary.Tests.Integration;

/// <summary>
/// The real service (Kestrel on 127.0.0.1, port 0) built exactly as <c>serve</c> builds it. By default
/// the refresh interval is an hour, so the timer never fires and the test drives cycles itself with
/// <see cref="CycleAsync"/>: every event is caused by the test, none by the clock.
/// </summary>
internal sealed class TestServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private bool _stopped;

    private TestServer(WebApplication app, string baseAddress, CapturingLoggerProvider logs)
    {
        _app = app;
        BaseAddress = new Uri(baseAddress);
        Logs = logs;
        Client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public CapturingLoggerProvider Logs { get; }

    public SummaryLoop Loop => _app.Services.GetRequiredService<SummaryLoop>();

    public IEventLog Log => _app.Services.GetRequiredService<IEventLog>();

    public ServiceHealth Health => _app.Services.GetRequiredService<ServiceHealth>();

    public StreamHub Hub => _app.Services.GetRequiredService<StreamHub>();

    /// <param name="time">A test clock for the whole service (loop timer, housekeeping, timestamps); with it the refresh interval is kept as given.</param>
    /// <param name="configureApp">Runs after the service's own endpoints are mapped, before start (e.g. a test-only endpoint).</param>
    /// <param name="port">A port to listen on instead of a free one: a server coming back where a stopped one was.</param>
    public static async Task<TestServer> StartAsync(SummaryOptions? options = null, IStatusSource? source = null, TimeProvider? time = null, Action<WebApplication>? configureApp = null, int port = 0)
    {
        options ??= new SummaryOptions();
        options = options with
        {
            Transport = options.Transport with { Host = "127.0.0.1", Port = port },
            Status = options.Status with
            {
                RefreshInterval = time is null && options.Status.RefreshInterval == TimeSpan.FromSeconds(StatusOptions.DefaultRefreshSec)
                ? TimeSpan.FromHours(1)
                : options.Status.RefreshInterval
            },
        };

        var logs = new CapturingLoggerProvider();
        var app = SummaryServer.Build(
            options,
            services =>
            {
                if (source is not null)
                {
                    services.AddSingleton(source);
                }

                if (time is not null)
                {
                    services.AddSingleton(time);
                }
            },
            logging => logging.AddProvider(logs));
        configureApp?.Invoke(app);
        await app.StartAsync();
        return new TestServer(app, app.ListeningAddresses()[0], logs);
    }

    /// <summary>Stops the service as SIGTERM would (bye to every stream, then the port closes); dispose afterwards.</summary>
    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _app.StopAsync(stop.Token);
    }

    public T Service<T>()
        where T : notnull => _app.Services.GetRequiredService<T>();

    public Task CycleAsync() => Loop.RunCycleAsync(CancellationToken.None);

    public async Task<SseTestClient> OpenStreamAsync(string? lastEventId = null, string path = "/summary/events")
    {
        var client = new SseTestClient(BaseAddress);
        await client.ConnectAsync(path, lastEventId);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await StopAsync();
        await _app.DisposeAsync();
    }
}
