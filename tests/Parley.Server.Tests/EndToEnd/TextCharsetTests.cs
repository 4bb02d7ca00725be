using System.Text;

using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.EndToEnd;

/// <summary>
/// Seed programs that decode what they receive as ASCII (unframed NICK clients: recv(1024).decode('ascii')) or
/// byte by byte (REGISTER clients: recv(1).decode()) get only bytes they can decode: transliterated text.
/// </summary>
public sealed class TextCharsetTests : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Ascii_clients_stay_connected_and_get_transliterated_text_while_utf8_clients_get_it_as_sent()
    {
        await using var nickClient = await RawClient.ConnectAsync(_server.Text);
        Assert.Equal("NICK", await nickClient.ReceiveAsync());
        await nickClient.SendAsync("asc");
        await nickClient.ReceiveUntilAsync("Connected to server!");
        await using var reg = await RawClient.ConnectAsync(_server.Text);
        await reg.SendAsync("REGISTER rone CHAT/1.0\n");
        Assert.Equal("200 Registration successful", await reg.ReadLineAsync());
        await using var line = await RawClient.ConnectAsync(_server.Text);
        Assert.Equal("NICK", await line.ReceiveAsync());
        await line.SendAsync("utfy\n");
        await line.ReadLineUntilAsync(l => l == "Connected to server!");
        await using var json = await JsonClient.HelloAsync(_server.Json, "jay");

        await json.SendAsync("""{"type":"message","message":"café 日本 — “quoted” naïve"}""" + "\n");
        Assert.Equal("jay: café 日本 — “quoted” naïve", await line.ReadLineUntilAsync(l => l.StartsWith("jay:", StringComparison.Ordinal)));
        Assert.Contains("@jay: cafe ?? - \"quoted\" naive", await ReceiveAsciiUntilAsync(reg, "naive"), StringComparison.Ordinal);
        Assert.Contains("jay: cafe ?? - \"quoted\" naive", await ReceiveAsciiUntilAsync(nickClient, "naive"), StringComparison.Ordinal);

        // The weather answer (climate normals here: the service is unreachable) reads well in ASCII.
        await nickClient.SendAsync("asc: weather");
        var weather = await ReceiveAsciiUntilAsync(nickClient, "low");
        Assert.Matches(@"high -?\d+ F \(-?\d+ C\)", weather);
        await reg.SendAsync("@rone: weather\n");
        Assert.Matches(@"high -?\d+ F \(-?\d+ C\)", await ReceiveAsciiUntilAsync(reg, "low"));

        // Still connected: both can chat.
        await reg.SendAsync("@rone: still here\n");
        Assert.Contains("rone: still here", await ReceiveAsciiUntilAsync(nickClient, "still here"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_that_sends_utf8_itself_gets_utf8()
    {
        await using var reg = await RawClient.ConnectAsync(_server.Text);
        await reg.SendAsync("REGISTER zoe CHAT/1.0\n");
        Assert.Equal("200 Registration successful", await reg.ReadLineAsync());
        await using var json = await JsonClient.HelloAsync(_server.Json, "jay");
        await reg.SendAsync("@zoe: voilà\n");
        Assert.Equal("voilà", (await json.ReadUntilAsync(f => f.Str("type") == "message")).Str("message"));

        await json.SendAsync("""{"type":"message","message":"très bien"}""" + "\n");
        Assert.Equal("@jay: très bien", await reg.ReadLineUntilAsync(l => l.StartsWith("@jay", StringComparison.Ordinal)));
    }

    /// <summary>Reads raw bytes, as recv() does, and fails on any byte an ASCII decoder would reject.</summary>
    private static async Task<string> ReceiveAsciiUntilAsync(RawClient client, string marker)
    {
        var all = new StringBuilder();
        while (!all.ToString().Contains(marker, StringComparison.Ordinal))
        {
            var bytes = await client.ReceiveBytesAsync();
            Assert.NotEmpty(bytes);
            Assert.All(bytes, b => Assert.True(b < 0x80, $"non-ASCII byte 0x{b:X2} after: {all}"));
            all.Append(Encoding.ASCII.GetString(bytes));
        }

        return all.ToString();
    }
}
