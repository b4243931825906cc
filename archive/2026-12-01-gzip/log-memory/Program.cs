using Microsoft.Extensions.Configuration;
using G6.Summary.Configuration;
using G6.Summary.Hosting;
using G6.Summary.Publishing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
// Retained memory per event in the in-memory log: two rings (72 and 576 slots) filled by the busy demo,
// managed heap after a full GC, difference over the extra slots. Ring = QueueMax + 64.
foreach (var queueMax in new[] { 8, 512, 8, 512 })
{
    var config = new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["G6_SSE_PORT"] = "0", ["G6_SSE_HOST"] = "127.0.0.1", ["G6_SUMMARY_REFRESH_SEC"] = "0.01", ["G6_DEMO_PROFILE"] = "busy",
        ["G6_SSE_QUEUE_MAX"] = queueMax.ToString(), ["G6_SSE_REPLAY_EVENTS"] = Math.Min(256, queueMax).ToString(), ["G6_LOG_LEVEL"] = "Warning",
    }).Build();
    var options = SummaryOptionsLoader.Load(config);
    var app = SummaryServer.Build(options, configureLogging: l => l.SetMinimumLevel(LogLevel.Warning));
    await app.StartAsync();
    var log = app.Services.GetRequiredService<IEventLog>();
    while (log.Current.Seq < 1500) await Task.Delay(100);
    // stop publishing: measure while the server is still up but after the ring is full
    var seq = log.Current.Seq;
    long bytes = 0; int frames = 0; int kept = 0;
    for (var s = seq; s > seq - 2000 && s > 0; s--) if (log.TryGet(s, out var e)) { kept++; bytes += e.Frame.Length; }
    GC.Collect(); GC.WaitForPendingFinalizers(); GC.Collect();
    var heap = GC.GetTotalMemory(true);
    Console.WriteLine($"queueMax {queueMax}: seq {seq}, events kept {kept}, their frames {bytes / Math.Max(1, kept)} B avg, managed heap {heap / 1024.0 / 1024:0.00} MB");
    await app.StopAsync(); await app.DisposeAsync();
    GC.Collect(); GC.WaitForPendingFinalizers(); GC.Collect();
}
