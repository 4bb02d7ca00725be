using Parley.Client.Bench;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.EndToEnd;

/// <summary>`parley bench` against a real Parley server: every message reaches every other client, and the
/// report's figures hang together. No timing assertions: the machine may be busy.</summary>
public sealed class BenchSmokeTests
{
    // Unknown keys are ignored by binding; once the server has a message rate limit, 0 lifts it for the bench.
    private static readonly Dictionary<string, string?> NoRateLimit = new() { ["Parley:Server:MessagesPerSecond"] = "0" };

    [Theory]
    [InlineData(BenchProtocol.Text)]
    [InlineData(BenchProtocol.Json)]
    [InlineData(BenchProtocol.Ws)]
    [InlineData(BenchProtocol.Irc)]
    public async Task SmallLoadIsDeliveredCompletely(BenchProtocol protocol)
    {
        await using var server = await TestServer.StartAsync(NoRateLimit);
        var endpoint = protocol switch
        {
            BenchProtocol.Text => server.Text,
            BenchProtocol.Ws => server.Http,
            BenchProtocol.Irc => server.Irc,
            _ => server.Json,
        };
        var options = new BenchOptions
        {
            Host = endpoint.Address.ToString(),
            Port = endpoint.Port,
            Protocol = protocol,
            Clients = 6,
            Senders = 2,
            Rate = 20,
            Duration = TimeSpan.FromSeconds(1.5),
            Warmup = TimeSpan.FromSeconds(0.5),
            PayloadBytes = 48,
            ServerPid = Environment.ProcessId,
        };
        Assert.Null(options.Validate());

        var report = await new BenchRunner(options).RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal((6, 0, 0), (report.Connected, report.ConnectFailures, report.Disconnects));
        Assert.True(report.Sent > 0);
        Assert.Equal(report.Sent * 5, report.Expected);
        Assert.Equal(report.Expected, report.Delivered);
        Assert.Equal(0, report.Loss);
        Assert.Equal(report.Delivered, report.Latency.Count);
        Assert.True(report.Latency.P50Ms <= report.Latency.P99Ms && report.Latency.P99Ms <= report.Latency.MaxMs);
        Assert.True(report.DeliveriesPerSecond > 0);
        Assert.NotNull(report.ServerCpuSeconds);
        Assert.True(report.ServerRssKiB > 0);
        Assert.True(report.SenderLagMaxMs >= 0);
        Assert.Null(report.FirstDisconnectReason);
    }

    [Fact]
    public async Task ArrivalTimesAreTakenForEveryDeliveryAndComeBeforeTheRead()
    {
        await using var server = await TestServer.StartAsync(NoRateLimit);
        var options = new BenchOptions
        {
            Host = server.Json.Address.ToString(),
            Port = server.Json.Port,
            Protocol = BenchProtocol.Json,
            Clients = 6,
            Senders = 2,
            Rate = 20,
            Duration = TimeSpan.FromSeconds(1.5),
            Warmup = TimeSpan.FromSeconds(0.5),
            ArrivalTimes = true,
        };
        Assert.Null(options.Validate());

        var report = await new BenchRunner(options).RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(0, report.Loss);
        var arrival = Assert.IsType<LatencySummary>(report.Arrival);
        Assert.Equal(report.Delivered, arrival.Count);

        // A message reaches the kernel before the bench reads it: each arrival latency is at most its read latency,
        // so every percentile is too (1 ms of slack for the clock conversion). A wrong conversion gives nonsense
        // (clamped to 1 µs or to a minute), and a server round trip is never under 10 µs.
        Assert.True(arrival.P50Ms <= report.Latency.P50Ms + 1 && arrival.MaxMs <= report.Latency.MaxMs + 1, $"{arrival} vs {report.Latency}");
        Assert.True(arrival.P50Ms >= 0.01 && arrival.MaxMs < LatencyRecorder.HighestMicroseconds / 1000.0, arrival.ToString());
    }

    [Fact]
    public async Task IdleClientsJoinAndTheServerMemoryIsSampled()
    {
        await using var server = await TestServer.StartAsync(NoRateLimit);
        var options = new BenchOptions
        {
            Host = server.Json.Address.ToString(),
            Port = server.Json.Port,
            Protocol = BenchProtocol.Json,
            Mode = BenchMode.Idle,
            Clients = 20,
            ServerPid = Environment.ProcessId,
        };

        var report = await new BenchRunner(options).RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal((20, 0), (report.Connected, report.Disconnects));
        Assert.NotNull(report.ServerRssBytesPerConnection);
        Assert.Equal(0, report.Sent);
    }
}
