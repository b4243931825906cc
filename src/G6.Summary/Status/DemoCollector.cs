using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace G6.Summary.Status;

/// <summary>
/// A stand-in for the platform's collector: each call is one collector cycle, returning the nested-schema
/// status JSON it would have written. Deterministic for a given seed and clock, so demos and tests repeat.
/// </summary>
/// <remarks>
/// It is deliberately uneven, like the real thing: it goes quiet for <see cref="QuietSpellLength"/> cycles
/// of every <see cref="QuietSpellPeriod"/> (so the stream shows heartbeats), and while active only some
/// sections move each cycle (analytics every few cycles, alerts now and then, links never).
/// </remarks>
public sealed class DemoCollector
{
    public const int QuietSpellPeriod = 45;
    public const int QuietSpellLength = 12;

    /// <summary>Market sessions: this many written cycles open, then <see cref="ClosedCycles"/> closed.</summary>
    public const int OpenCycles = 120;

    public const int ClosedCycles = 30;

    private const int MaxAlertsKept = 5;
    private const int DurationWindow = 20;
    private const double TargetIntervalSec = 1;

    private static readonly (string Name, double Level, double Strike)[] IndexSeeds =
    [
        ("NIFTY", 22150, 50),
        ("BANKNIFTY", 48200, 100),
        ("FINNIFTY", 21450, 50),
        ("MIDCPNIFTY", 11350, 25),
        ("SENSEX", 73100, 100),
    ];

    private readonly Random _random;
    private readonly TimeProvider _timeProvider;
    private readonly bool _busy;
    private readonly DateTimeOffset _startedAt;
    private readonly Lock _gate = new();
    private readonly IndexState[] _indices;
    private readonly Queue<double> _durations = new();
    private readonly List<Alert> _alerts = [];

    private long _ticks;
    private long _cycle;
    private long _succeeded;
    private byte[] _last = [];
    private string _market = "OPEN";
    private double _lastDuration;
    private double _cpu = 12.5;
    private double _rssBytes = 310 * 1024 * 1024;
    private int _providerDegraded;
    private int _sinkDegraded;
    private int _latencyMs = 50;
    private long _optionsLastCycle;
    private long _apiCalls;
    private long _apiSucceeded;
    private double _pcr = 0.95;
    private DateTimeOffset _csvLastWrite;
    private DateTimeOffset _influxLastWrite;

    /// <param name="profile"><see cref="DemoProfile.Busy"/> drops the quiet spells and closed sessions (load tests).</param>
    public DemoCollector(int seed, TimeProvider timeProvider, DemoProfile profile = DemoProfile.Realistic)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _random = new Random(seed);
        _timeProvider = timeProvider;
        _busy = profile == DemoProfile.Busy;
        _startedAt = timeProvider.GetUtcNow();
        _csvLastWrite = _influxLastWrite = _startedAt;
        _indices = [.. IndexSeeds.Select(s => new IndexState(s.Name, s.Level, s.Strike))];
        foreach (var index in _indices)
        {
            index.MaxPain = Math.Round(index.Price / index.Strike) * index.Strike;
        }
    }

    /// <summary>True for the <see cref="DemoProfile.Busy"/> profile.</summary>
    public bool IsBusy => _busy;

    /// <summary>True when the collector writes nothing on the given call (0-based).</summary>
    internal static bool IsQuietTick(long tick) => tick % QuietSpellPeriod >= QuietSpellPeriod - QuietSpellLength;

    /// <summary>
    /// Runs one collector cycle and returns the status bytes; during a quiet spell, the same array as last time.
    /// </summary>
    public byte[] NextStatusJson()
    {
        lock (_gate)
        {
            var tick = _ticks++;
            if (_last.Length > 0 && !_busy && IsQuietTick(tick))
            {
                return _last;
            }

            var now = _timeProvider.GetUtcNow();
            Advance(now);
            _last = Write(now);
            return _last;
        }
    }

    private void Advance(DateTimeOffset now)
    {
        _cycle++;
        var session = (_cycle - 1) % (OpenCycles + ClosedCycles);

        // Busy: the market never closes, so index prices (and with them the indices panel) move every cycle.
        var open = _busy || session < OpenCycles;
        if (_busy)
        {
            if (_cycle == 1)
            {
                foreach (var index in _indices)
                {
                    index.Open = index.Price;
                }
            }
        }
        else if (session == 0)
        {
            // A new session opens: change is measured from here.
            foreach (var index in _indices)
            {
                index.Open = index.Price;
            }

            if (_cycle > 1)
            {
                Raise(now, "info", null, "market OPEN");
            }
        }
        else if (session == OpenCycles)
        {
            Raise(now, "info", null, "market CLOSED");
        }

        _market = open ? "OPEN" : "CLOSED";

        // Cycle timing: mostly sub-second, with the odd slow cycle.
        _lastDuration = Math.Round(_random.NextDouble() < 0.04 ? 2 + _random.NextDouble() : 0.35 + (_random.NextDouble() * 0.6), 3);
        _durations.Enqueue(_lastDuration * 1000);
        if (_durations.Count > DurationWindow)
        {
            _durations.Dequeue();
        }

        if (_random.NextDouble() < 0.97)
        {
            _succeeded++;
        }

        foreach (var index in _indices)
        {
            AdvanceIndex(index, open, now);
        }

        AdvanceHealth(now);

        if (_cycle % 2 == 0)
        {
            _cpu = Math.Round(Math.Clamp(_cpu + ((_random.NextDouble() - 0.5) * 10), 2, 95), 1);
            _rssBytes = Math.Clamp(_rssBytes + ((_random.NextDouble() - 0.45) * 4 * 1024 * 1024), 200 * 1024 * 1024, 900 * 1024 * 1024);
        }

        if (_cycle % 3 == 0)
        {
            _influxLastWrite = now;
            if (_sinkDegraded == 0)
            {
                _csvLastWrite = now;
            }
        }

        if (_cycle % 5 == 1)
        {
            _pcr = Math.Round(Math.Clamp(_pcr + ((_random.NextDouble() - 0.5) * 0.2), 0.5, 1.6), 2);
            foreach (var index in _indices)
            {
                index.MaxPain = (Math.Round(index.Price / index.Strike) + _random.Next(-4, 5)) * index.Strike;
            }
        }

        if (_random.NextDouble() < 0.03)
        {
            Raise(now, "info", null, _random.Next(3) switch
            {
                0 => "provider token refreshed",
                1 => "config reloaded",
                _ => "option chain expiry rolled",
            });
        }
    }

    private void AdvanceIndex(IndexState index, bool open, DateTimeOffset now)
    {
        if (!open)
        {
            index.Status = "closed";
            return;
        }

        index.Price = Math.Round(index.Price * (1 + (Gaussian() * 0.0008)), 2);
        index.Age = _random.Next(0, 6);
        index.Legs += _random.Next(150, 600);

        if (index.DipLeft > 0)
        {
            index.DipLeft--;
            index.Dq = Math.Round(70 + (_random.NextDouble() * 9.5), 2);
            index.Issues = _random.Next(1, 7);
            index.Status = "warn";
        }
        else if (_random.NextDouble() < 0.015)
        {
            index.DipLeft = _random.Next(2, 6);
            index.Dq = Math.Round(72 + (_random.NextDouble() * 7), 2);
            index.Issues = _random.Next(1, 7);
            index.Status = "warn";
            Raise(now, "warning", index.Name, string.Create(CultureInfo.InvariantCulture, $"data quality {index.Dq:F2}% below 80%"));
        }
        else
        {
            index.Dq = Math.Round(90 + (_random.NextDouble() * 7), 2);
            index.Issues = 0;
            index.Status = "ok";
        }
    }

    private void AdvanceHealth(DateTimeOffset now)
    {
        if (_providerDegraded > 0)
        {
            _providerDegraded--;
        }
        else if (_random.NextDouble() < 0.015)
        {
            _providerDegraded = _random.Next(4, 11);
            Raise(now, "warning", null, "provider latency high");
        }

        if (_sinkDegraded > 0)
        {
            _sinkDegraded--;
        }
        else if (_random.NextDouble() < 0.008)
        {
            _sinkDegraded = _random.Next(3, 7);
            Raise(now, "critical", null, "csv sink write failed");
        }

        _latencyMs = _providerDegraded > 0 ? _random.Next(250, 900) : _random.Next(35, 95);

        // A degraded provider fails more calls, so throughput and API success dip with it.
        var calls = _random.Next(40, 60);
        var failures = _providerDegraded > 0 ? _random.Next(3, 12) : _random.Next(0, 2);
        _apiCalls += calls;
        _apiSucceeded += calls - failures;
        _optionsLastCycle = _indices.Sum(i => i.Status == "closed" ? 0 : (calls - failures) * 40L);
    }

    private void Raise(DateTimeOffset time, string severity, string? index, string message)
    {
        _alerts.Add(new Alert(time, severity, index, message));
        if (_alerts.Count > MaxAlertsKept)
        {
            _alerts.RemoveAt(0);
        }
    }

    // Box–Muller: random-walk steps look like prices only with a bell-shaped distribution.
    private double Gaussian()
    {
        var u1 = 1.0 - _random.NextDouble();
        var u2 = _random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    private byte[] Write(DateTimeOffset now)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions
        {
            Indented = true,

            // The platform writes "F&O", not "F\u0026O"; this is a file for JSON readers, never HTML.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }))
        {
            json.WriteStartObject();

            json.WriteStartObject("app");
            json.WriteString("name", "G6 Platform (demo)");
            json.WriteString("version", "demo");
            json.WriteNumber("pid", 4242);
            json.WriteString("host", "demo-host");
            json.WriteString("started_at", Iso(_startedAt));
            json.WriteNumber("uptime_sec", Math.Max(0, Math.Round((now - _startedAt).TotalSeconds, 1)));
            json.WriteEndObject();

            json.WriteStartObject("market");
            json.WriteString("status", _market);
            json.WriteString("segment", "F&O");
            json.WriteEndObject();

            json.WriteStartObject("loop");
            json.WriteNumber("cycle", _cycle);
            json.WriteString("last_run", Iso(now));
            json.WriteNumber("next_run_in_sec", TargetIntervalSec);
            json.WriteNumber("avg_cycle_ms", Math.Round(_durations.Average()));
            json.WriteNumber("p95_cycle_ms", Math.Round(P95()));
            json.WriteNumber("last_duration", _lastDuration);
            json.WriteNumber("success_rate", Math.Round(100.0 * _succeeded / _cycle, 1));
            json.WriteNumber("target_interval", TargetIntervalSec);
            json.WriteEndObject();

            json.WriteStartObject("indices");
            foreach (var index in _indices)
            {
                json.WriteStartObject(index.Name);
                json.WriteNumber("ltp", index.Price);
                json.WriteNumber("change", Math.Round(((index.Price / index.Open) - 1) * 100, 2));
                json.WriteEndObject();
            }

            json.WriteEndObject();

            json.WriteStartObject("indices_detail");
            foreach (var index in _indices)
            {
                json.WriteStartObject(index.Name);
                json.WriteString("status", index.Status);
                json.WriteNumber("ltp", index.Price);
                json.WriteNumber("age_sec", index.Age);
                json.WriteNumber("legs", index.Legs);
                json.WriteStartObject("dq");
                json.WriteNumber("score_percent", index.Dq);
                json.WriteNumber("issues_total", index.Issues);
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndObject();

            json.WriteStartObject("provider");
            json.WriteString("name", "demo");
            json.WriteNumber("latency_ms", _latencyMs);
            json.WriteEndObject();

            json.WriteStartObject("health");
            json.WriteString("collector", "ok");
            json.WriteString("sinks", _sinkDegraded > 0 ? "degraded" : "ok");
            json.WriteString("provider", _providerDegraded > 0 ? "degraded" : "ok");
            json.WriteEndObject();

            json.WriteStartObject("sinks");
            json.WriteStartObject("csv");
            json.WriteString("last_write", Iso(_csvLastWrite));
            json.WriteEndObject();
            json.WriteStartObject("influx");
            json.WriteString("last_write", Iso(_influxLastWrite));
            json.WriteEndObject();
            json.WriteEndObject();

            json.WriteStartObject("resources");
            json.WriteNumber("cpu", _cpu);
            json.WriteNumber("rss", Math.Round(_rssBytes));
            json.WriteEndObject();

            json.WriteStartObject("performance");
            json.WriteNumber("options_last_cycle", _optionsLastCycle);
            json.WriteNumber("options_per_minute", Math.Round(_optionsLastCycle * 60 / TargetIntervalSec, 1));
            json.WriteNumber("api_success_rate", Math.Round(100.0 * _apiSucceeded / _apiCalls, 1));
            json.WriteEndObject();

            json.WriteStartObject("config");
            json.WriteString("env", "demo");
            json.WriteString("output_level", "INFO");
            json.WriteEndObject();

            json.WriteStartArray("alerts");
            foreach (var alert in _alerts)
            {
                json.WriteStartObject();
                json.WriteString("time", Iso(alert.Time));
                json.WriteString("severity", alert.Severity);
                if (alert.Index is not null)
                {
                    json.WriteString("index", alert.Index);
                }

                json.WriteString("message", alert.Message);
                json.WriteEndObject();
            }

            json.WriteEndArray();

            json.WriteStartObject("links");
            json.WriteString("metrics", "http://127.0.0.1:9108/metrics");
            json.WriteString("summary", "http://127.0.0.1:9329/summary/events");
            json.WriteEndObject();

            json.WriteStartObject("analytics");
            json.WriteNumber("pcr", _pcr);
            json.WriteStartObject("max_pain");
            foreach (var index in _indices)
            {
                json.WriteNumber(index.Name, index.MaxPain);
            }

            json.WriteEndObject();
            json.WriteEndObject();

            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private double P95()
    {
        var sorted = _durations.Order().ToArray();
        return sorted[(int)Math.Ceiling(0.95 * sorted.Length) - 1];
    }

    private static string Iso(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    private sealed record Alert(DateTimeOffset Time, string Severity, string? Index, string Message);

    private sealed class IndexState(string name, double level, double strike)
    {
        public string Name { get; } = name;

        public double Strike { get; } = strike;

        public double Price { get; set; } = level;

        public double Open { get; set; } = level;

        public string Status { get; set; } = "ok";

        public int Age { get; set; }

        public long Legs { get; set; }

        public double Dq { get; set; } = 93;

        public int Issues { get; set; }

        public int DipLeft { get; set; }

        public double MaxPain { get; set; }
    }
}
