using System.CommandLine;
using G6.Summary.Configuration;
using G6.Summary.Endpoints;
using G6.Summary.Hosting;
using G6.Summary.Security;
using G6.Summary.Status;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace G6.Summary.Cli.Commands;

/// <summary><c>g6-summary serve</c>: runs the service until SIGINT/SIGTERM.</summary>
public static class ServeCommand
{
    // Every code the program can return; docs/STREAMING.md lists them for operators and supervisors.
    public const int ExitOk = 0;
    public const int ExitFailed = 1;
    public const int ExitBadSetting = 2;
    public const int ExitCannotListen = 3;

    public static Command Create()
    {
        var status = new Option<string?>("--status") { Description = $"Status file to follow ({SettingNames.StatusFile}); without it, the built-in demo source" };
        var host = new Option<string?>("--host") { Description = $"Address to listen on ({SettingNames.Host}, default {TransportOptions.DefaultHost})" };
        var port = new Option<string?>("--port") { Description = $"Port ({SettingNames.Port}, default {TransportOptions.DefaultPort}; 0 picks a free one)" };
        var refresh = new Option<string?>("--refresh") { Description = $"Seconds per cycle ({SettingNames.RefreshSec}, default {StatusOptions.DefaultRefreshSec})" };
        var config = new Option<string?>("--config") { Description = $"JSON settings file of G6_ names ({SettingNames.ConfigFile}); ./appsettings.json is read if present" };
        var set = new Option<string[]>("--set") { Description = "Any setting as NAME=VALUE (repeatable), e.g. --set G6_SSE_HEARTBEAT_CYCLES=10", AllowMultipleArgumentsPerToken = false };

        var command = new Command("serve", "Run the summary service (HTTP + SSE) until Ctrl+C or SIGTERM") { status, host, port, refresh, config, set };
        command.SetAction(async (result, _) =>
        {
            var flags = new Dictionary<string, string?>(StringComparer.Ordinal);
            AddFlag(flags, SettingNames.StatusFile, result.GetValue(status));
            AddFlag(flags, SettingNames.Host, result.GetValue(host));
            AddFlag(flags, SettingNames.Port, result.GetValue(port));
            AddFlag(flags, SettingNames.RefreshSec, result.GetValue(refresh));
            foreach (var pair in result.GetValue(set) ?? [])
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0 || !pair.StartsWith("G6_", StringComparison.Ordinal))
                {
                    await Console.Error.WriteLineAsync("invalid --set: expected G6_NAME=VALUE");
                    return ExitBadSetting;
                }

                flags[pair[..eq]] = pair[(eq + 1)..];
            }

            return await RunAsync(result.GetValue(config), flags);
        });
        return command;
    }

    private static void AddFlag(Dictionary<string, string?> flags, string name, string? value)
    {
        if (value is not null)
        {
            flags[name] = value;
        }
    }

    private static async Task<int> RunAsync(string? configFile, IReadOnlyDictionary<string, string?> flags)
    {
        SummaryOptions options;
        try
        {
            options = SettingsSources.Load(configFile, flags);
        }
        catch (InvalidSettingException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return ExitBadSetting;
        }

        foreach (var warning in options.Warnings)
        {
            await Console.Error.WriteLineAsync(warning);
        }

        var app = SummaryServer.Build(options, services =>
            services.Configure<ConsoleLifetimeOptions>(lifetime => lifetime.SuppressStatusMessages = true));
        try
        {
            await app.StartAsync();
        }
        catch (InvalidSettingException ex)
        {
            // The TLS files changed between the settings check and the listener's start.
            await Console.Error.WriteLineAsync(ex.Message);
            await app.DisposeAsync();
            return ExitBadSetting;
        }
        catch (IOException)
        {
            await Console.Error.WriteLineAsync(
                $"cannot listen on {options.Transport.Host}:{options.Transport.Port} (address in use or not available); choose another with {SettingNames.Port} or --port");
            await app.DisposeAsync();
            return ExitCannotListen;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The type names the cause for the run-book; the message may hold paths or secrets.
            await Console.Error.WriteLineAsync($"cannot start: {ex.GetType().Name}; see docs/STREAMING.md (exit codes)");
            await app.DisposeAsync();
            return ExitFailed;
        }

        PrintBanner(app, options);
        await app.WaitForShutdownAsync();
        await app.DisposeAsync();
        return ExitOk;
    }

    private static void PrintBanner(WebApplication app, SummaryOptions options)
    {
        // With JSON logs, standard output carries nothing but JSON lines: the banner goes to standard error.
        var output = options.Logging.Format == LogFormat.Json ? Console.Error : Console.Out;
        var source = app.Services.GetService<IStatusSource>()?.Description ?? HealthEndpoint.NoSource;
        var addresses = app.ListeningAddresses();
        var address = addresses.Count > 0 ? addresses[0] : $"http://{options.Transport.Host}:{options.Transport.Port}";
        output.WriteLine($"g6-summary {Publishing.EventEncoder.ServerVersion} serving {source}, a cycle every {options.Status.RefreshInterval.TotalSeconds:0.###} s");
        if (options.Dashboard.Enabled)
        {
            output.WriteLine($"  browser  {address}/   (the dashboard; docs/browser_dash.md)");
        }
        else
        {
            output.WriteLine($"  browser  off ({SettingNames.Dashboard}=0)");
        }

        if (options.Streaming.Enabled)
        {
            // Never the token itself: the banner ends up in logs that more people read than the token file.
            var header = options.Security.ApiTokens.Count > 0 ? $"-H '{ApiTokenVerifier.Header}: <your token>' " : string.Empty;
            output.WriteLine($"  events   {address}{SummaryEndpointExtensions.EventsPath}   (try: curl -N {header}{address}{SummaryEndpointExtensions.EventsPath})");
        }
        else
        {
            output.WriteLine($"  events   off ({SettingNames.SseHttp}=0)");
        }

        if (options.Streaming.ResyncEnabled)
        {
            output.WriteLine($"  resync   {address}{SummaryEndpointExtensions.ResyncPath}");
        }

        output.WriteLine($"  health   {address}{SummaryEndpointExtensions.HealthPath}");
        output.WriteLine($"  metrics  {address}{SummaryEndpointExtensions.MetricsPath}");
        output.WriteLine("Ctrl+C stops; docs/STREAMING.md is the run-book.");
    }
}
