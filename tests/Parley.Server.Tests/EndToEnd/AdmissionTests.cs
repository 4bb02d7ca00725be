using System.Net;

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

using Parley.Server.Admission;
using Parley.Server.Hosting;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.EndToEnd;

/// <summary>Connection limits over the text and JSON listeners together, as a refused client sees them.</summary>
public sealed class AdmissionTests
{
    [Fact]
    public async Task TotalLimitSpansTextAndJsonAndRefusesWithTheReasonOnEither()
    {
        await using var server = await TestServer.StartAsync(Settings(("MaxConnections", "4")));
        await using var text1 = await RegisterAsync(server.Text, "t1");
        await using var text2 = await RegisterAsync(server.Text, "t2");
        await using var json1 = await JsonClient.HelloAsync(server.Json, "j1");
        await using var json2 = await JsonClient.HelloAsync(server.Json, "j2");

        await using var fifthText = await RawClient.ConnectAsync(server.Text);
        Assert.Equal("error: The server is full (at most 4 connections); try again later.", await fifthText.ReadLineAsync());
        Assert.True(await fifthText.WaitForCloseAsync());

        await using var fifthJson = await JsonClient.ConnectAsync(server.Json);
        var refusal = await fifthJson.ReadAsync();
        JsonSeedStyleTests.AssertMessageShaped(refusal);
        Assert.Equal(("error", "server-full"), (refusal.Str("type"), refusal.Str("code")));
        Assert.Equal("The server is full (at most 4 connections); try again later.", refusal.Str("text"));
        Assert.True(await fifthJson.WaitForCloseAsync());
    }

    [Fact]
    public async Task AClosedConnectionFreesItsSlot()
    {
        await using var server = await TestServer.StartAsync(Settings(("MaxConnections", "2"), ("ConnectionsPerIpPerSecond", "0")));
        var first = await RegisterAsync(server.Text, "first");
        await using var second = await JsonClient.HelloAsync(server.Json, "second");
        await using (var third = await RawClient.ConnectAsync(server.Text))
        {
            Assert.StartsWith("error: The server is full", await third.ReadLineAsync(), StringComparison.Ordinal);
        }

        await first.SendAsync("DISCONNECT first CHAT/1.0\n");
        Assert.True(await first.WaitForCloseAsync());
        await first.DisposeAsync();

        // The slot is freed when the server's handler returns, just after the client sees the close: retry
        // until it is (each refused attempt is answered at once), within a deadline.
        await using var next = await RegisterWhenAdmittedAsync(server.Text, "next", TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task PerAddressLimitCountsOverBothListeners()
    {
        await using var server = await TestServer.StartAsync(Settings(("MaxConnectionsPerIp", "2")));
        await using var text = await RegisterAsync(server.Text, "pa");
        await using var json = await JsonClient.HelloAsync(server.Json, "pb");

        await using var third = await JsonClient.ConnectAsync(server.Json);
        var refusal = await third.ReadAsync();
        Assert.Equal("too-many-connections", refusal.Str("code"));
        Assert.Equal("Too many connections from your address (at most 2).", refusal.Str("message"));
        Assert.True(await third.WaitForCloseAsync());

        await using var fourth = await RawClient.ConnectAsync(server.Text);
        Assert.Equal("error: Too many connections from your address (at most 2).", await fourth.ReadLineAsync());
    }

    [Fact]
    public async Task AttemptsBeyondTheRateAreRefusedUntilTheClockMoves()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await TestServer.StartAsync(
            Settings(("ConnectionsPerIpPerSecond", "1"), ("ConnectionBurstPerIp", "3")),
            services => services.AddSingleton(sp => new ConnectionAdmission(
                sp.GetRequiredService<IOptions<ServerOptions>>().Value, clock, sp.GetRequiredService<ILogger<ConnectionAdmission>>())));
        await using var a = await RegisterAsync(server.Text, "ra");
        await using var b = await RegisterAsync(server.Text, "rb");
        await using var c = await JsonClient.HelloAsync(server.Json, "rc");

        await using var d = await RawClient.ConnectAsync(server.Text);
        Assert.Equal(
            "error: Too many connection attempts from your address (at most 1 per second); try again later.",
            await d.ReadLineAsync());
        Assert.True(await d.WaitForCloseAsync());

        clock.Advance(TimeSpan.FromSeconds(1));
        await using var e = await JsonClient.HelloAsync(server.Json, "re");
    }

    private static Dictionary<string, string?> Settings(params (string Name, string Value)[] settings) =>
        settings.ToDictionary(s => "Parley:Server:" + s.Name, s => (string?)s.Value);

    /// <summary>Connects and registers (REGISTER dialect): returns only once the server has admitted it.</summary>
    private static async Task<RawClient> RegisterAsync(IPEndPoint endPoint, string name)
    {
        var client = await RawClient.ConnectAsync(endPoint);
        await client.SendAsync($"REGISTER {name} CHAT/1.0\n");
        Assert.Equal("200 Registration successful", await client.ReadLineAsync());
        return client;
    }

    private static async Task<RawClient> RegisterWhenAdmittedAsync(IPEndPoint endPoint, string name, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            var client = await RawClient.ConnectAsync(endPoint);
            string? reply;
            try
            {
                await client.SendAsync($"REGISTER {name} CHAT/1.0\n");
                reply = await client.ReadLineAsync();
            }
            catch (IOException)
            {
                reply = null; // refused and reset before the request was read
            }

            if (reply == "200 Registration successful")
            {
                return client;
            }

            await client.DisposeAsync();
            Assert.True(reply is null || reply.StartsWith("error: The server is full", StringComparison.Ordinal), reply);
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException("No slot was freed in time.");
            }
        }
    }
}
