using System.Globalization;
using System.Net;
using StackExchange.Redis;

namespace G6.Summary.Backplane;

/// <summary>
/// Reads <c>G6_REDIS</c>: a StackExchange.Redis configuration string (<c>host:port,password=…,ssl=true</c>)
/// or a URL (<c>redis://[user:password@]host[:port][/db]</c>; <c>rediss://</c> is the same over TLS).
/// The service's defaults for a backplane are applied unless the string names them.
/// </summary>
public static class RedisAddress
{
    private const int DefaultPort = 6379;

    // A stalled Redis must not hold a summary cycle for the client's 5 s default: two seconds is many
    // round trips on any network a backplane should run on, and short enough that health turns degraded soon.
    private const int DefaultTimeoutMs = 2000;

    /// <summary>The options, or null when the value is neither form.</summary>
    public static ConfigurationOptions? Parse(string value)
    {
        ConfigurationOptions? options;
        try
        {
            options = value.Contains("://", StringComparison.Ordinal) ? FromUrl(value) : ConfigurationOptions.Parse(value);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or UriFormatException or NotSupportedException)
        {
            return null;
        }

        if (options?.EndPoints.Count is null or 0)
        {
            return null;
        }

        // Keep retrying in the background rather than failing the first connect: a node may start before Redis.
        options.AbortOnConnectFail = false;
        if (!value.Contains("asyncTimeout", StringComparison.OrdinalIgnoreCase))
        {
            options.AsyncTimeout = DefaultTimeoutMs;
        }

        if (!value.Contains("syncTimeout", StringComparison.OrdinalIgnoreCase))
        {
            options.SyncTimeout = DefaultTimeoutMs;
        }

        if (!value.Contains("connectTimeout", StringComparison.OrdinalIgnoreCase))
        {
            options.ConnectTimeout = DefaultTimeoutMs;
        }

        return options;
    }

    /// <summary>What logs may show of the address: endpoints only, never a password.</summary>
    public static string Describe(ConfigurationOptions options) =>
        string.Join(",", options.EndPoints.Select(e => e switch
        {
            DnsEndPoint dns => $"{dns.Host}:{dns.Port}",
            _ => e.ToString(),
        }));

    private static ConfigurationOptions? FromUrl(string value)
    {
        var uri = new Uri(value, UriKind.Absolute);
        var tls = uri.Scheme switch
        {
            "redis" => false,
            "rediss" => true,
            _ => throw new FormatException("scheme"),
        };
        if (string.IsNullOrEmpty(uri.Host) || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            return null;
        }

        var options = new ConfigurationOptions { Ssl = tls };
        options.EndPoints.Add(uri.Host, uri.IsDefaultPort || uri.Port < 0 ? DefaultPort : uri.Port);
        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':');
            var user = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            var password = colon < 0 ? null : Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
            if (password is null)
            {
                // redis://secret@host is the common shorthand for a password with the default user.
                options.Password = user;
            }
            else
            {
                options.User = user.Length == 0 ? null : user;
                options.Password = password;
            }
        }

        var path = uri.AbsolutePath.Trim('/');
        if (path.Length > 0)
        {
            if (!int.TryParse(path, NumberStyles.None, CultureInfo.InvariantCulture, out var db) || db > 15)
            {
                return null;
            }

            options.DefaultDatabase = db;
        }

        return options;
    }
}
