using System.CommandLine;
using G6.Summary.Configuration;
using G6.Summary.Endpoints;
using G6.Summary.Hosting;
using G6.Summary.Status;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace G6.Summary.Cli.Commands;

/// <summary><c>g6-summary serve</c>: runs the service until SIGINT/SIGTERM.</summary>
public static class ServeCommand
{
    public const int ExitOk = 0;
    public const int ExitFailed = 1;
    public const int ExitBadSetting = 2;

    public static Command Create()
    {
        var status = new Option<string?>("--status") { Description = $"Status file to follow ({SettingNames.StatusFile}); without it, the built-in demo source" };
        var host = new Option<string?>("--host") { Description = $"Address to listen on ({SettingNames.Host}, default {SummaryOptions.DefaultHost})" };
        var port = new Option<string?>("--port") { Description = $"Port ({SettingNames.Port}, default {SummaryOptions.DefaultPort}; 0 picks a free one)" };
        var refresh = new Option<string?>("--refresh") { Description = $"Seconds per cycle ({SettingNames.RefreshSec}, default {SummaryOptions.DefaultRefreshSec})" };
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
        catch (IOException)
        {
            await Console.Error.WriteLineAsync(
                $"cannot listen on {options.Host}:{options.Port} (address in use or not available); choose another with {SettingNames.Port} or --port");
            return ExitFailed;
        }

        PrintBanner(app, options);
        await app.WaitForShutdownAsync();
        await app.DisposeAsync();
        return ExitOk;
    }

    private static void PrintBanner(WebApplication app, SummaryOptions options)
    {
        var source = app.Services.GetRequiredService<IStatusSource>().Description;
        var addresses = app.ListeningAddresses();
        var address = addresses.Count > 0 ? addresses[0] : $"http://{options.Host}:{options.Port}";
        Console.WriteLine($"g6-summary {Publishing.EventEncoder.ServerVersion} serving {source}, a cycle every {options.RefreshInterval.TotalSeconds:0.###} s");
        if (options.DashboardEnabled)
        {
            Console.WriteLine($"  browser  {address}/   (the dashboard; docs/browser_dash.md)");
        }
        else
        {
            Console.WriteLine($"  browser  off ({SettingNames.Dashboard}=0)");
        }

        if (options.SseHttpEnabled)
        {
            Console.WriteLine($"  events   {address}{SummaryEndpointExtensions.EventsPath}   (try: curl -N {address}{SummaryEndpointExtensions.EventsPath})");
        }
        else
        {
            Console.WriteLine($"  events   off ({SettingNames.SseHttp}=0)");
        }

        if (options.ResyncHttpEnabled)
        {
            Console.WriteLine($"  resync   {address}{SummaryEndpointExtensions.ResyncPath}");
        }

        Console.WriteLine($"  health   {address}{SummaryEndpointExtensions.HealthPath}");
        Console.WriteLine($"  metrics  {address}{SummaryEndpointExtensions.MetricsPath}");
        Console.WriteLine("Ctrl+C stops; docs/STREAMING.md is the run-book.");
    }
}
