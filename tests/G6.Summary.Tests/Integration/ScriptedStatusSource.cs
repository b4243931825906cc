using System.Globalization;
using System.Text;
using G6.Summary.Snapshot;
using G6.Summary.Status;

namespace G6.Summary.Tests.Integration;

/// <summary>A status source the test sets by hand: the next read returns whatever was set last.</summary>
internal sealed class ScriptedStatusSource : IStatusSource
{
    private StatusReading _next = StatusReading.Unchanged;

    public ScriptedStatusSource(string? json = null)
    {
        if (json is not null)
        {
            Set(json);
        }
    }

    public string Description => "scripted";

    /// <summary>Next read parses <paramref name="json"/> (Fresh) or fails like the real reader would.</summary>
    public void Set(string json) => _next = StatusSnapshotReader.Read(Encoding.UTF8.GetBytes(json));

    public ValueTask<StatusReading> ReadAsync(CancellationToken cancellationToken)
    {
        var reading = _next;
        if (reading.Outcome == StatusReadOutcome.Fresh)
        {
            _next = StatusReading.Unchanged;
        }

        return ValueTask.FromResult(reading);
    }

    /// <summary>A small status in the platform's nested schema.</summary>
    public static string Status(double niftyLtp = 19980.4, double pcr = 1.22, double cpu = 7.3, long cycle = 100) => """
        {"app":{"name":"G6","version":"1.2.3","host":"box"},"market":{"status":"OPEN","segment":"F&O"},
         "loop":{"cycle":CYCLE,"last_run":"2025-10-17T16:32:57Z","last_duration":0.6,"success_rate":96.2,"target_interval":60},
         "indices":{"NIFTY":{"ltp":LTP,"change":0.1}},
         "indices_detail":{"NIFTY":{"status":"ok","ltp":LTP,"age_sec":3,"legs":100,"dq":{"score_percent":94.5,"issues_total":0}}},
         "resources":{"cpu":CPU,"rss":104857600},
         "analytics":{"pcr":PCR,"max_pain":{"NIFTY":19250}},
         "alerts":[]}
        """
        .Replace("CYCLE", cycle.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("LTP", niftyLtp.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("CPU", cpu.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("PCR", pcr.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);


    /// <summary>A status with <paramref name="count"/> indices, all priced from <paramref name="basePrice"/>: large panels.</summary>
    public static string ManyIndices(int count, double basePrice)
    {
        var indices = string.Join(",", Enumerable.Range(0, count).Select(i =>
            string.Create(CultureInfo.InvariantCulture, $"\"IDX{i:00}\":{{\"ltp\":{basePrice + i},\"change\":0.5}}")));
        var details = string.Join(",", Enumerable.Range(0, count).Select(i =>
            string.Create(CultureInfo.InvariantCulture, $"\"IDX{i:00}\":{{\"status\":\"ok\",\"ltp\":{basePrice + i},\"age_sec\":1,\"legs\":{1000 + i},\"dq\":{{\"score_percent\":95,\"issues_total\":0}}}}")));
        return "{\"app\":{\"name\":\"G6\"},\"indices\":{" + indices + "},\"indices_detail\":{" + details + "}}";
    }
}
