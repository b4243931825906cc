using System.Globalization;
using System.Net;
using System.Net.Sockets;
using G6.Summary.Status;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace G6.Summary.Configuration;

/// <summary>Parses one value at a time and names the variable in every error.</summary>
internal sealed class SettingReader(IConfiguration configuration)
{
    // Echo at most this much of a bad value: enough to recognise it, never a whole secret or file.
    private const int EchoLimit = 32;

    /// <summary>The raw value, untrimmed, for rules that look at legacy names (<see cref="DeprecatedSettings"/>).</summary>
    public string? Lookup(string name) => configuration[name];

    public string? Text(string name)
    {
        var value = configuration[name]?.Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }

    public bool Flag(string name, bool fallback)
    {
        var value = Text(name);
        return value?.ToUpperInvariant() switch
        {
            null => fallback,
            "1" or "TRUE" or "YES" or "ON" => true,
            "0" or "FALSE" or "NO" or "OFF" => false,
            _ => throw Invalid(name, value, "must be 1 or 0 (true/false, yes/no, on/off)"),
        };
    }

    public double Number(string name, double fallback, double min, double max)
    {
        var value = Text(name);
        if (value is null)
        {
            return fallback;
        }

        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            || !double.IsFinite(number) || number < min || number > max)
        {
            throw Invalid(name, value, $"must be a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}");
        }

        return number;
    }

    public TimeSpan Seconds(string name, double fallback, SecondsRange range)
    {
        var value = Text(name);
        if (value is null)
        {
            return TimeSpan.FromSeconds(fallback);
        }

        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            || !double.IsFinite(seconds) || seconds < range.Min || seconds > range.Max)
        {
            throw Invalid(name, value, range.Rule);
        }

        return TimeSpan.FromSeconds(seconds);
    }

    public long Integer(string name, long fallback, WholeRange range)
    {
        var value = Text(name);
        if (value is null)
        {
            return fallback;
        }

        if (!long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) || number < range.Min || number > range.Max)
        {
            throw Invalid(name, value, range.Rule);
        }

        return number;
    }

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>, or 0 meaning <paramref name="zeroMeans"/>.</summary>
    public long IntegerOrZero(string name, long fallback, long min, long max, string zeroMeans)
    {
        var value = Text(name);
        if (value is null)
        {
            return fallback;
        }

        if (!long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) || number != 0 && (number < min || number > max))
        {
            throw Invalid(name, value, $"must be 0 ({zeroMeans}) or a whole number from {min} to {max}");
        }

        return number;
    }

    public LogLevel Level(string name, LogLevel fallback)
    {
        var value = Text(name);
        if (value is null)
        {
            return fallback;
        }

        return Enum.TryParse<LogLevel>(value, ignoreCase: true, out var level) && Enum.IsDefined(level)
            ? level
            : throw Invalid(name, value, "must be one of Trace, Debug, Information, Warning, Error, Critical, None");
    }

    /// <summary>
    /// A secret given inline (<paramref name="inlineName"/>) or, better, in a file (<paramref name="fileName"/>)
    /// that only the service may read; either holds one or more tokens (comma or newline separated) for rotation.
    /// </summary>
    public IReadOnlyList<string> Tokens(string inlineName, string fileName)
    {
        var inline = Secret(inlineName);
        var file = Text(fileName);
        if (inline is not null && file is not null)
        {
            throw new InvalidSettingException(fileName, $"set either {inlineName} or {fileName}, not both");
        }

        string? text = inline;
        if (file is not null)
        {
            try
            {
                text = new FileInfo(file).Length > TokenList.MaxFileBytes
                    ? throw new InvalidSettingException(fileName, $"the token file is larger than {TokenList.MaxFileBytes} bytes")
                    : File.ReadAllText(file);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                throw new InvalidSettingException(fileName, $"cannot read the token file {Path.GetFileName(file)}");
            }
        }

        var name = file is null ? inlineName : fileName;
        var tokens = TokenList.Parse(text ?? string.Empty);
        var problem = file is null ? TokenList.Problem(tokens) : TokenList.FileProblem(tokens);
        if (problem is not null)
        {
            throw new InvalidSettingException(name, problem);
        }

        return tokens;
    }

    /// <summary>Refuses tokens a header cannot carry; <paramref name="name"/> is the variable they came from.</summary>
    public static void CheckTokens(string name, IReadOnlyList<string> tokens)
    {
        if (TokenList.Problem(tokens) is { } problem)
        {
            throw new InvalidSettingException(name, problem);
        }
    }

    /// <summary>A value that must never be echoed in an error.</summary>
    public string? Secret(string name) => Text(name);

    public IReadOnlyList<string> List(string name) =>
        Text(name)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

    public IReadOnlyList<IPNetwork> Networks(string name)
    {
        var networks = new List<IPNetwork>();
        foreach (var entry in List(name))
        {
            if (IPNetwork.TryParse(entry, out var network))
            {
                networks.Add(network);
            }
            else if (IPAddress.TryParse(entry, out var address))
            {
                address = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
                networks.Add(new IPNetwork(address, address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128));
            }
            else
            {
                throw Invalid(name, entry, "each entry must be an IP address or a CIDR range such as 10.0.0.0/8 or fd00::/8");
            }
        }

        return networks;
    }

    public Security.ConnectRate? Rate(string name, string counted = "connections per peer")
    {
        var value = Text(name);
        if (value is null)
        {
            return null;
        }

        return Security.ConnectRate.TryParse(value, out var rate)
            ? rate
            : throw Invalid(name, value, $"must be N/W: at most N {counted} in W seconds, e.g. 20/60");
    }

    public IReadOnlyList<string> Origins(string name)
    {
        var origins = List(name);
        foreach (var origin in origins)
        {
            if (origin == "*")
            {
                continue;
            }

            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
                || uri.PathAndQuery != "/" || origin.EndsWith('/'))
            {
                throw Invalid(name, origin, "each entry must be * or an origin such as https://ops.example.com (scheme, host, optional port; no path)");
            }
        }

        return origins;
    }

    public LogFormat Format(string name) => Text(name)?.ToUpperInvariant() switch
    {
        null or "TEXT" => LogFormat.Text,
        "JSON" => LogFormat.Json,
        _ => throw Invalid(name, Text(name)!, "must be text or json"),
    };

    public DemoProfile Profile(string name) => Text(name)?.ToUpperInvariant() switch
    {
        null or "REALISTIC" => DemoProfile.Realistic,
        "BUSY" => DemoProfile.Busy,
        _ => throw Invalid(name, Text(name)!, "must be realistic or busy"),
    };

    public StatusSourceKind? SourceKind(string name) => Text(name)?.ToUpperInvariant() switch
    {
        null => null,
        "FILE" => StatusSourceKind.File,
        "DEMO" => StatusSourceKind.Demo,
        "NONE" => StatusSourceKind.None,
        "PUSH" => StatusSourceKind.Push,
        _ => throw Invalid(name, Text(name)!, "must be file, demo, push or none"),
    };

    private static InvalidSettingException Invalid(string name, string value, string rule)
    {
        var shown = value.Length <= EchoLimit ? value : value[..EchoLimit] + "…";
        shown = new string([.. shown.Select(c => char.IsControl(c) ? '?' : c)]);
        return new InvalidSettingException(name, $"{rule} (got \"{shown}\")");
    }
}
