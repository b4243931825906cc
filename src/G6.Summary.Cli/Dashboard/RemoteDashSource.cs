using G6.Summary.Client;

namespace G6.Summary.Cli.Dashboard;

/// <summary>A server's stream, followed through the client library (verified, resumed, resynced).</summary>
public sealed class RemoteDashSource(SummaryClient client, Uri baseAddress) : IDashSource
{
    public DashSnapshot Current => Map(client.Current);

    public async Task RunAsync(Action changed, CancellationToken cancellationToken)
    {
        void OnChanged(object? sender, SummaryView view) => changed();
        client.Changed += OnChanged;
        try
        {
            await client.RunAsync(cancellationToken);
        }
        finally
        {
            client.Changed -= OnChanged;
        }
    }

    private DashSnapshot Map(SummaryView view) => new(
        baseAddress.GetLeftPart(UriPartial.Path).TrimEnd('/'),
        view.State,
        view.Problem,
        $"server {view.ServerVersion ?? "\u2014"} epoch {view.Epoch ?? "\u2014"}",
        view.Epoch is null ? null : view.Cycle,
        view.LastEventAt,
        view.StaleAfter,
        view.Panels,
        view.LastServerError,
        view.Digest);
}
