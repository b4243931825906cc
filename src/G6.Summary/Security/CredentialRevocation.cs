using G6.Summary.Streaming;
using Microsoft.Extensions.Hosting;

namespace G6.Summary.Security;

/// <summary>
/// Ends what a removed reader token had opened: when <c>G6_SSE_API_TOKEN_FILE</c> loses a token, every stream
/// admitted with it (by header or by a session cookie made with it) is sent <c>bye</c> with
/// <c>reason: "credentials revoked"</c> and closed, and the audit log says so once per token. Admission refuses
/// the token (and its sessions) from the reload on, before this runs.
/// </summary>
public sealed class CredentialRevocation(ApiTokenVerifier tokens, StreamHub hub, SecurityAudit audit) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        tokens.Tokens.Changed += OnChanged;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        tokens.Tokens.Changed -= OnChanged;
        return Task.CompletedTask;
    }

    private void OnChanged(TokenSetChange change)
    {
        foreach (var credential in change.Removed)
        {
            audit.Revoked(change.SettingName, credential, hub.EndStreamsOf(credential));
        }
    }
}
