using System.Globalization;

using Spectre.Console;

namespace Parley.Client.Bench;

/// <summary>The report as a two-column table for people (the end of a `parley bench` run without --json).</summary>
public static class BenchReportTable
{
    public static Table Build(BenchReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var table = new Table().Border(TableBorder.Rounded).AddColumn("measure").AddColumn(new TableColumn("value").RightAligned());
        table.Title = new TableTitle($"parley bench {report.Mode.ToString().ToLowerInvariant()} · {report.Protocol.ToString().ToLowerInvariant()} · {Markup.Escape(report.Target)}");
        void Row(string name, string value) => table.AddRow(Markup.Escape(name), Markup.Escape(value));

        Row("clients joined", $"{N(report.Connected)} of {N(report.Clients)} in {F(report.ConnectSeconds, 1)} s");
        if (report.ConnectFailures > 0)
        {
            Row("connect failures", $"{N(report.ConnectFailures)}: {report.FirstConnectFailure}");
        }

        if (report.Mode != BenchMode.Idle)
        {
            Row("load", $"{N(report.Senders)} senders × {F(report.Rate, 1)} msg/s, {N(report.PayloadBytes)} B, {F(report.Seconds, 1)} s");
            Row("sent", N(report.Sent));
            Row("expected (sent × (N−1))", N(report.Expected));
            Row("delivered", N(report.Delivered));
            Row("loss", $"{N(report.Loss)} ({F(report.LossPercent, 3)} %)");
            Row("deliveries/s", N((long)report.DeliveriesPerSecond));
            Row("latency p50 / p90 / p99", $"{F(report.Latency.P50Ms, 2)} / {F(report.Latency.P90Ms, 2)} / {F(report.Latency.P99Ms, 2)} ms");
            Row("latency p99.9 / max", $"{F(report.Latency.P999Ms, 2)} / {F(report.Latency.MaxMs, 2)} ms");
            if (report.Arrival is { } arrival)
            {
                Row("arrival p50 / p90 / p99 / max", $"{F(arrival.P50Ms, 2)} / {F(arrival.P90Ms, 2)} / {F(arrival.P99Ms, 2)} / {F(arrival.MaxMs, 2)} ms");
            }

            Row("sender lag mean / max", $"{F(report.SenderLagMeanMs, 2)} / {F(report.SenderLagMaxMs, 2)} ms");
        }

        Row("disconnects", report.Disconnects == 0 ? "0" : $"{N(report.Disconnects)}, first: {report.FirstDisconnectReason}");
        if (report.ServerCpuSeconds is { } cpu)
        {
            Row("server CPU", $"{F(cpu, 2)} s ({F(report.ServerCpuPercent ?? 0, 0)} % of one core)");
            Row("server CPU per delivery", report.ServerCpuMicrosPerDelivery is { } us ? $"{F(us, 2)} µs" : "-");
        }

        if (report.ServerRssKiB is { } rss)
        {
            Row("server RSS", $"{F(rss / 1024.0, 1)} MiB");
        }

        if (report.ServerRssBytesPerConnection is { } perConnection && report.Mode == BenchMode.Idle)
        {
            Row("server RSS per connection", $"{F(perConnection / 1024.0, 1)} KiB (from {F((report.ServerRssBeforeKiB ?? 0) / 1024.0, 1)} MiB before)");
        }

        Row("generator CPU", $"{F(report.GeneratorCpuSeconds, 2)} s ({F(report.GeneratorCpuPercent, 0)} % of one core)"
            + (report.GeneratorBound && report.Mode != BenchMode.Idle ? " — the generator may be the bottleneck" : string.Empty));
        foreach (var step in report.Steps)
        {
            Row($"ramp {F(step.Rate, 1)} msg/s per sender",
                $"{N((long)step.DeliveriesPerSecond)} deliveries/s, loss {N(step.Loss)}, p99 {F(step.Latency.P99Ms, 2)} ms, {(step.Sustained ? "sustained" : "not sustained")}");
        }

        if (report.Mode == BenchMode.Ramp)
        {
            Row("highest sustained deliveries/s", report.Sustained ? N((long)report.DeliveriesPerSecond) : "none sustained");
        }

        return table;
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string F(double value, int digits) => value.ToString("F" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
