using System.Text.Json;

using Parley.Client.Bench;

namespace Parley.Client.Tests.Bench;

public sealed class BenchReportTests
{
    private static BenchReport Report(long sent, long delivered, int connected = 11, double seconds = 2) => new()
    {
        Protocol = BenchProtocol.Json,
        Mode = BenchMode.Load,
        Target = "127.0.0.1:5001",
        Clients = connected,
        Connected = connected,
        Senders = 2,
        Rate = 10,
        Seconds = seconds,
        Sent = sent,
        Delivered = delivered,
    };

    [Fact]
    public void EveryMessageIsExpectedByEveryOtherClient()
    {
        var report = Report(sent: 40, delivered: 400);
        Assert.Equal(400, report.Expected);
        Assert.Equal(0, report.Loss);
        Assert.Equal(0, report.LossPercent);
        Assert.Equal(200, report.DeliveriesPerSecond);
        Assert.Equal(20, report.SentPerSecond);
    }

    [Fact]
    public void LossIsWhatWasExpectedButNotDelivered()
    {
        var report = Report(sent: 40, delivered: 300);
        Assert.Equal(100, report.Loss);
        Assert.Equal(25, report.LossPercent);
    }

    [Fact]
    public void MoreDeliveriesThanExpectedIsNoNegativeLoss() => Assert.Equal(0, Report(sent: 1, delivered: 20).Loss);

    [Fact]
    public void ServerCpuIsPerWindowAndPerDelivery()
    {
        var report = Report(sent: 40, delivered: 400) with { ServerCpuSeconds = 0.5, GeneratorCpuSeconds = 1.9 };
        Assert.Equal(25, report.ServerCpuPercent);
        Assert.Equal(1250, report.ServerCpuMicrosPerDelivery!.Value, 6);
        Assert.Equal(95, report.GeneratorCpuPercent, 6);
        Assert.True(report.GeneratorBound);
        Assert.False((report with { GeneratorCpuSeconds = 1.7 }).GeneratorBound);
    }

    [Fact]
    public void WithoutAServerPidThereAreNoServerFigures()
    {
        var report = Report(sent: 40, delivered: 400);
        Assert.Null(report.ServerCpuPercent);
        Assert.Null(report.ServerCpuMicrosPerDelivery);
        Assert.Null(report.ServerRssBytesPerConnection);
    }

    [Fact]
    public void IdleMemoryIsTheRssGrowthPerJoinedConnection()
    {
        var report = Report(0, 0, connected: 2000) with { Mode = BenchMode.Idle, ServerRssBeforeKiB = 50_000, ServerRssKiB = 70_000 };
        Assert.Equal(20_000 * 1024.0 / 2000, report.ServerRssBytesPerConnection);
    }

    [Fact]
    public void JsonCarriesTheFiguresCompareShReads()
    {
        var report = Report(sent: 40, delivered: 300) with { ServerCpuSeconds = 0.5, Latency = new LatencySummary(300, 1, 2, 3, 4, 5, 1.5) };
        using var json = JsonDocument.Parse(BenchReportJson.ToJson(report));
        var root = json.RootElement;
        Assert.Equal("json", root.GetProperty("protocol").GetString());
        Assert.Equal(400, root.GetProperty("expected").GetInt64());
        Assert.Equal(100, root.GetProperty("loss").GetInt64());
        Assert.Equal(150, root.GetProperty("deliveriesPerSecond").GetDouble());
        Assert.Equal(3, root.GetProperty("latencyMs").GetProperty("p99").GetDouble());
        Assert.Equal(1666.667, root.GetProperty("serverCpuMicrosPerDelivery").GetDouble());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("serverRssKiB").ValueKind);
    }
}
