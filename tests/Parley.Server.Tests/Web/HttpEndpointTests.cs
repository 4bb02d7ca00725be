using System.Net;
using System.Text.RegularExpressions;

using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Web;

/// <summary>The page's HTTP side and the operations endpoints over real HTTP on port 0.</summary>
public sealed partial class HttpEndpointTests
{
    [Fact]
    public async Task ThePageIsServedWithAPolicyThatForbidsInlineScript()
    {
        await using var server = await TestServer.StartAsync();
        using var http = Client(server.HttpUrl);
        var page = await http.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var csp = string.Join(";", page.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        var html = await page.Content.ReadAsStringAsync();
        Assert.DoesNotMatch(InlineScript(), html);

        var script = await http.GetAsync(new Uri("/js/main.js", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(new Uri("/nope.js", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task HealthAndReadinessAnswer()
    {
        await using var server = await TestServer.StartAsync();
        using var http = Client(server.HttpUrl);
        Assert.Equal("Healthy", await http.GetStringAsync(new Uri("/healthz", UriKind.Relative)));
        Assert.Equal("Healthy", await http.GetStringAsync(new Uri("/readyz", UriKind.Relative)));
    }

    [Fact]
    public async Task MetricsNameWhatTheServerDoesAndCountersMove()
    {
        await using var server = await TestServer.StartAsync();
        using var http = Client(server.HttpUrl);
        var before = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        foreach (var name in new[]
        {
            "parley_connections{protocol=\"ws\"}", "parley_connections{protocol=\"json\"}", "parley_connections{protocol=\"text\"}",
            "parley_rooms", "parley_members", "parley_messages_in_total", "parley_messages_out_total", "parley_deliveries_total",
            "parley_disconnects_total{reason=\"slow_consumer\"}", "parley_send_queue_bytes", "parley_history_write_seconds_count",
        })
        {
            Assert.Contains("\n" + name + " ", "\n" + before, StringComparison.Ordinal);
        }

        await using var web = await WebSocketClient.ConnectAsync(server.WebSocketUrl);
        await web.SendAsync("""{"type":"hello","user":"metra"}""");
        await web.ReceiveUntilAsync(f => f.Str("type") == "joined");
        await using var json = await JsonClient.HelloAsync(server.Json, "jmet");
        await web.SendAsync("""{"type":"message","message":"count me"}""");
        await json.ReadUntilAsync(f => f.Str("type") == "message");

        var after = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Equal(1, Value(after, "parley_connections{protocol=\"ws\"}"));
        Assert.Equal(1, Value(after, "parley_connections{protocol=\"json\"}"));
        Assert.Equal(2, Value(after, "parley_members"));
        Assert.True(Value(after, "parley_messages_in_total") >= Value(before, "parley_messages_in_total") + 3);
        Assert.True(Value(after, "parley_deliveries_total") > Value(before, "parley_deliveries_total"));
        Assert.True(Value(after, "parley_messages_out_total") > Value(before, "parley_messages_out_total"));
        Assert.True(Value(after, "parley_history_write_seconds_count") > Value(before, "parley_history_write_seconds_count"));
    }

    [Fact]
    public async Task MetricsCanHaveAListenerOfTheirOwn()
    {
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Parley:Server:MetricsHost"] = "127.0.0.1",
            ["Parley:Server:MetricsPort"] = "0",
        });
        var metricsPort = server.Host.Endpoints.First(e => e.Name == "metrics").EndPoint;
        using var http = Client(server.HttpUrl);
        using var metrics = Client(new Uri($"http://{metricsPort}/"));
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(new Uri("/metrics", UriKind.Relative))).StatusCode);
        Assert.Contains("parley_rooms", await metrics.GetStringAsync(new Uri("/metrics", UriKind.Relative)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await metrics.GetAsync(new Uri("/", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/", UriKind.Relative))).StatusCode);
    }

    private static HttpClient Client(Uri baseAddress) => new() { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(10) };

    private static double Value(string exposition, string name)
    {
        var line = exposition.Split('\n').First(l => l.StartsWith(name + " ", StringComparison.Ordinal));
        return double.Parse(line[(name.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    // A <script> element without a src attribute (inline code).
    [GeneratedRegex(@"<script(?![^>]*\ssrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();
}
