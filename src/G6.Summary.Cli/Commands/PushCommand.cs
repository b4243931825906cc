using System.CommandLine;
using G6.Summary.Client;
using G6.Summary.Configuration;

namespace G6.Summary.Cli.Commands;

/// <summary>
/// <c>g6-summary push --url URL [--token T | --token-file F] FILE</c>: sends one status document to a
/// server's <c>POST /summary/status</c>, retrying a transient failure with the same idempotency key (so a
/// retry never publishes twice). Exit 0 when the server took it, 1 when it refused or could not be reached,
/// 2 for bad arguments.
/// </summary>
public static class PushCommand
{
    public const int ExitOk = 0;
    public const int ExitRefused = 1;
    public const int ExitBadArguments = 2;

    /// <summary>A lost connection or a busy server is retried this many times in all, a second apart (or as the server says).</summary>
    public const int Attempts = 3;

    public static Command Create(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var url = new Option<string>("--url") { Description = "Server base address, e.g. http://127.0.0.1:9320", Required = true };
        var token = new Option<string?>("--token") { Description = "Publish token (visible in the process list: prefer --token-file)" };
        var tokenFile = new Option<string?>("--token-file") { Description = $"File holding the publish token (default: ${SettingNames.PublishTokenFile}, then ${SettingNames.PublishToken})" };
        var file = new Argument<string>("FILE") { Description = "Status document to push (either schema); - reads standard input" };
        var command = new Command("push", "Push one status document to a server (POST /summary/status)") { url, token, tokenFile, file };
        command.SetAction(async (result, cancellation) =>
        {
            var output = result.InvocationConfiguration.Output;
            var error = result.InvocationConfiguration.Error;
            if (!Uri.TryCreate(result.GetValue(url), UriKind.Absolute, out var baseUri) || baseUri.Scheme is not ("http" or "https"))
            {
                await error.WriteLineAsync("push: --url must be an absolute http or https address");
                return ExitBadArguments;
            }

            var (publishToken, tokenError) = TokenSources.Resolve("push", result.GetValue(token), result.GetValue(tokenFile),
                SettingNames.PublishTokenFile, SettingNames.PublishToken, environment);
            if (tokenError is not null || publishToken is null)
            {
                await error.WriteLineAsync(tokenError ?? $"push: a publish token is needed (--token-file, --token, ${SettingNames.PublishTokenFile} or ${SettingNames.PublishToken})");
                return ExitBadArguments;
            }

            byte[] document;
            var path = result.GetValue(file)!;
            try
            {
                document = path == "-" ? await ReadAllAsync(Console.OpenStandardInput(), cancellation) : await File.ReadAllBytesAsync(path, cancellation);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                await error.WriteLineAsync($"push: cannot read {Path.GetFileName(path)}");
                return ExitBadArguments;
            }

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            var pusher = new StatusPushClient(http, baseUri, publishToken);
            var (pushed, failure) = await PushWithRetriesAsync(pusher, document, cancellation);
            if (pushed is { Succeeded: true } answer)
            {
                await output.WriteLineAsync(Describe(answer));
                return ExitOk;
            }

            await error.WriteLineAsync($"push: {failure}");
            return ExitRefused;
        });
        return command;
    }

    /// <summary>One line for a successful answer: where the log stands and what changed.</summary>
    public static string Describe(StatusPushResult answer) => answer.Changed.Count == 0
        ? $"unchanged: nothing to publish (log at {answer.Epoch}-{answer.Seq})"
        : $"published {answer.Epoch}-{answer.Seq}: changed {string.Join(", ", answer.Changed)}";

    /// <summary>
    /// Sends <paramref name="document"/> with one idempotency key, again after a transient failure; the answer,
    /// or why there is none.
    /// </summary>
    public static async Task<(StatusPushResult? Answer, string? Failure)> PushWithRetriesAsync(StatusPushClient pusher, byte[] document, CancellationToken cancellation)
    {
        var key = StatusPushClient.NewIdempotencyKey();
        string failure = "no attempt made";
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            var wait = TimeSpan.FromSeconds(1);
            try
            {
                var answer = await pusher.PushAsync(document, key, cancellation);
                if (!answer.IsTransient)
                {
                    return answer.Succeeded ? (answer, null) : (answer, $"{answer.StatusCode} {answer.Reason}");
                }

                failure = $"{answer.StatusCode} {answer.Reason}";
                wait = answer.RetryAfter ?? wait;
            }
            catch (HttpRequestException ex)
            {
                failure = $"cannot reach the server ({ex.HttpRequestError})";
            }
            catch (TaskCanceledException) when (!cancellation.IsCancellationRequested)
            {
                failure = "the server did not answer in time";
            }
            catch (SummaryProtocolException ex)
            {
                return (null, ex.Message);
            }

            if (attempt < Attempts)
            {
                await Task.Delay(wait, cancellation);
            }
        }

        return (null, failure);
    }

    private static async Task<byte[]> ReadAllAsync(Stream input, CancellationToken cancellation)
    {
        using var buffer = new MemoryStream();
        await input.CopyToAsync(buffer, cancellation);
        return buffer.ToArray();
    }
}
