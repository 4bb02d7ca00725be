using System.Net;
using System.Text.Json;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>A scripted JSON-lines client over <see cref="RawClient"/>: sends raw text, reads one parsed object per line.</summary>
public sealed class JsonClient : IAsyncDisposable
{
    private JsonClient(RawClient raw) => Raw = raw;

    public RawClient Raw { get; }

    public static async Task<JsonClient> ConnectAsync(IPEndPoint endPoint) => new(await RawClient.ConnectAsync(endPoint));

    public static async Task<JsonClient> ConnectTlsAsync(IPEndPoint endPoint) => new(await RawClient.ConnectTlsAsync(endPoint));

    /// <summary>Connects and says hello; returns once the welcome and the own joined event have arrived.</summary>
    public static async Task<JsonClient> HelloAsync(IPEndPoint endPoint, string user)
    {
        var client = await ConnectAsync(endPoint);
        await client.SendAsync($$"""{"type":"hello","user":"{{user}}","version":1}""" + "\n");
        var welcome = await client.ReadAsync();
        Assert.Equal("welcome", welcome.Str("type"));
        await client.ReadUntilAsync(f => f.Str("type") == "joined" && f.Str("user") == user);
        return client;
    }

    public Task SendAsync(string text) => Raw.SendAsync(text);

    /// <summary>The next line as JSON; fails at end of stream.</summary>
    public async Task<JsonElement> ReadAsync(TimeSpan? timeout = null)
    {
        var line = await Raw.ReadLineAsync(timeout) ?? throw new EndOfStreamException("Connection closed.");
        return JsonDocument.Parse(line).RootElement.Clone();
    }

    /// <summary>The next line as text (null at end of stream).</summary>
    public Task<string?> ReadLineAsync(TimeSpan? timeout = null) => Raw.ReadLineAsync(timeout);

    public async Task<JsonElement> ReadUntilAsync(Func<JsonElement, bool> match, TimeSpan? timeout = null)
    {
        var line = await Raw.ReadLineUntilAsync(l => match(JsonDocument.Parse(l).RootElement), timeout)
            ?? throw new EndOfStreamException("Connection closed.");
        return JsonDocument.Parse(line).RootElement.Clone();
    }

    public Task<bool> WaitForCloseAsync(TimeSpan? timeout = null) => Raw.WaitForCloseAsync(timeout);

    public ValueTask DisposeAsync() => Raw.DisposeAsync();
}
