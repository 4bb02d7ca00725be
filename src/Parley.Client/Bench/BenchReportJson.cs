using System.Text.Json;

namespace Parley.Client.Bench;

/// <summary>Writes a <see cref="BenchReport"/> as one JSON object (`parley bench --json`): camelCase
/// names, numbers as numbers, absent measurements as null. These names are read by bench/compare.sh.</summary>
public static class BenchReportJson
{
    public static void Write(Utf8JsonWriter json, BenchReport report)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(report);
        json.WriteStartObject();
        json.WriteString("protocol", report.Protocol.ToString().ToLowerInvariant());
        json.WriteString("mode", report.Mode.ToString().ToLowerInvariant());
        json.WriteString("target", report.Target);
        json.WriteNumber("clients", report.Clients);
        json.WriteNumber("connected", report.Connected);
        json.WriteNumber("connectFailures", report.ConnectFailures);
        WriteString(json, "firstConnectFailure", report.FirstConnectFailure);
        json.WriteNumber("connectSeconds", Round(report.ConnectSeconds, 3));
        json.WriteNumber("senders", report.Senders);
        json.WriteNumber("rate", report.Rate);
        json.WriteNumber("payloadBytes", report.PayloadBytes);
        json.WriteNumber("seconds", Round(report.Seconds, 3));
        json.WriteNumber("sent", report.Sent);
        json.WriteNumber("expected", report.Expected);
        json.WriteNumber("delivered", report.Delivered);
        json.WriteNumber("loss", report.Loss);
        json.WriteNumber("lossPercent", Round(report.LossPercent, 4));
        json.WriteNumber("deliveriesPerSecond", Round(report.DeliveriesPerSecond, 1));
        json.WriteNumber("sentPerSecond", Round(report.SentPerSecond, 1));
        WriteLatency(json, "latencyMs", report.Latency);
        if (report.Arrival is { } arrival)
        {
            WriteLatency(json, "arrivalMs", arrival);
        }
        json.WriteNumber("senderLagMeanMs", Round(report.SenderLagMeanMs, 3));
        json.WriteNumber("senderLagMaxMs", Round(report.SenderLagMaxMs, 3));
        json.WriteNumber("disconnects", report.Disconnects);
        WriteString(json, "firstDisconnectReason", report.FirstDisconnectReason);
        WriteNumber(json, "serverCpuSeconds", report.ServerCpuSeconds, 3);
        WriteNumber(json, "serverCpuPercent", report.ServerCpuPercent, 1);
        WriteNumber(json, "serverCpuMicrosPerDelivery", report.ServerCpuMicrosPerDelivery, 3);
        WriteNumber(json, "serverRssBeforeKiB", report.ServerRssBeforeKiB);
        WriteNumber(json, "serverRssKiB", report.ServerRssKiB);
        WriteNumber(json, "serverRssBytesPerConnection", report.ServerRssBytesPerConnection, 0);
        json.WriteNumber("generatorCpuSeconds", Round(report.GeneratorCpuSeconds, 3));
        json.WriteNumber("generatorCpuPercent", Round(report.GeneratorCpuPercent, 1));
        json.WriteBoolean("generatorBound", report.GeneratorBound);
        if (report.Mode == BenchMode.Ramp)
        {
            json.WriteBoolean("sustained", report.Sustained);
            json.WritePropertyName("steps");
            json.WriteStartArray();
            foreach (var step in report.Steps)
            {
                json.WriteStartObject();
                json.WriteNumber("rate", step.Rate);
                json.WriteNumber("sent", step.Sent);
                json.WriteNumber("delivered", step.Delivered);
                json.WriteNumber("loss", step.Loss);
                json.WriteNumber("deliveriesPerSecond", Round(step.DeliveriesPerSecond, 1));
                json.WriteNumber("p99Ms", step.Latency.P99Ms);
                json.WriteNumber("generatorCpuPercent", Round(step.GeneratorCpuPercent, 1));
                WriteNumber(json, "serverCpuPercent", step.ServerCpuPercent, 1);
                json.WriteBoolean("sustained", step.Sustained);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    public static string ToJson(BenchReport report)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            Write(json, report);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static double Round(double value, int digits) => Math.Round(value, digits, MidpointRounding.AwayFromZero);

    private static void WriteString(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    private static void WriteNumber(Utf8JsonWriter json, string name, double? value, int digits)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, Round(v, digits));
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WriteNumber(Utf8JsonWriter json, string name, long? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WriteLatency(Utf8JsonWriter json, string name, LatencySummary latency)
    {
        json.WritePropertyName(name);
        json.WriteStartObject();
        json.WriteNumber("count", latency.Count);
        json.WriteNumber("p50", latency.P50Ms);
        json.WriteNumber("p90", latency.P90Ms);
        json.WriteNumber("p99", latency.P99Ms);
        json.WriteNumber("p999", latency.P999Ms);
        json.WriteNumber("max", latency.MaxMs);
        json.WriteNumber("mean", Round(latency.MeanMs, 3));
        json.WriteEndObject();
    }
}
