using G6.Summary.Configuration;
using Microsoft.Extensions.Configuration;

namespace G6.Summary.Cli.Commands;

/// <summary>
/// Layers the settings sources, lowest first: ./appsettings.json, the file named by --config or
/// G6_CONFIG_FILE, the environment, then command-line flags (flags win).
/// </summary>
public static class SettingsSources
{
    public static SummaryOptions Load(string? configFile, IReadOnlyDictionary<string, string?> flags)
    {
        configFile ??= Environment.GetEnvironmentVariable(SettingNames.ConfigFile);
        var builder = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true, reloadOnChange: false);
        if (!string.IsNullOrWhiteSpace(configFile))
        {
            if (!File.Exists(configFile))
            {
                throw new InvalidSettingException(SettingNames.ConfigFile, $"file not found: {Path.GetFileName(configFile)}");
            }

            builder.AddJsonFile(Path.GetFullPath(configFile), optional: false, reloadOnChange: false);
        }

        builder.AddEnvironmentVariables().AddInMemoryCollection(flags);
        IConfiguration configuration;
        try
        {
            configuration = builder.Build();
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or System.Text.Json.JsonException)
        {
            throw new InvalidSettingException(SettingNames.ConfigFile, "settings file is not valid JSON");
        }

        return SummaryOptionsLoader.Load(configuration);
    }
}
