using G6.Summary.Backplane;
using StackExchange.Redis;

namespace G6.Summary.Configuration;

/// <summary>
/// Settings of the shared event log: <c>G6_BACKPLANE</c>, <c>G6_REDIS</c>, <c>G6_REDIS_PREFIX</c> and
/// <c>G6_NODE_ID</c> (docs/STREAMING.md, Running several nodes).
/// </summary>
public sealed record BackplaneOptions
{
    /// <summary>One Redis can hold several deployments, each under its own prefix.</summary>
    public const string DefaultPrefix = "g6:summary";

    // Key prefixes and node ids appear in keys, logs and health: short and printable keeps them readable.
    private const int MaxNameLength = 64;

    public BackplaneKind Kind { get; init; } = BackplaneKind.Memory;

    /// <summary>Where Redis is (set when <see cref="Kind"/> is <see cref="BackplaneKind.Redis"/>).</summary>
    public ConfigurationOptions? Redis { get; init; }

    public string Prefix { get; init; } = DefaultPrefix;

    /// <summary>This node's name in logs, health and metrics.</summary>
    public string NodeId { get; init; } = DefaultNodeId();

    /// <summary>Host name and process id: unique on one machine and across a fleet with distinct host names.</summary>
    public static string DefaultNodeId()
    {
        var host = new string([.. Environment.MachineName.Where(IsNameChar)]);
        return $"{(host.Length == 0 ? "node" : host)}-{Environment.ProcessId}";
    }

    /// <summary>The rules <see cref="Bind"/> applies, for options built in code too.</summary>
    public void Validate()
    {
        if (Kind == BackplaneKind.Redis && Redis is null)
        {
            throw new InvalidSettingException(SettingNames.Redis, $"must be set when {SettingNames.Backplane}=redis");
        }

        if (!IsName(Prefix))
        {
            throw new InvalidSettingException(SettingNames.RedisPrefix, NameRule);
        }

        if (!IsName(NodeId))
        {
            throw new InvalidSettingException(SettingNames.NodeId, NameRule);
        }
    }

    internal static BackplaneOptions Bind(SettingReader read)
    {
        var kind = read.Text(SettingNames.Backplane)?.ToUpperInvariant() switch
        {
            null or "MEMORY" => BackplaneKind.Memory,
            "REDIS" => BackplaneKind.Redis,
            _ => throw new InvalidSettingException(SettingNames.Backplane, "must be memory or redis"),
        };

        var address = read.Text(SettingNames.Redis);
        ConfigurationOptions? redis = null;
        if (address is not null)
        {
            redis = RedisAddress.Parse(address)
                ?? throw new InvalidSettingException(SettingNames.Redis, "must be host:port[,option=value…] or a redis:// or rediss:// URL");
        }

        var options = new BackplaneOptions
        {
            Kind = kind,
            Redis = redis,
            Prefix = read.Text(SettingNames.RedisPrefix) ?? DefaultPrefix,
            NodeId = read.Text(SettingNames.NodeId) ?? DefaultNodeId(),
        };
        options.Validate();
        return options;
    }

    private static string NameRule => $"must be 1 to {MaxNameLength} of A-Z a-z 0-9 . _ : -";

    private static bool IsName(string value) => value.Length is > 0 and <= MaxNameLength && value.All(IsNameChar);

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or ':' or '-';
}
