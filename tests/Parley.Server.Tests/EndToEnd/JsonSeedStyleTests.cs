using System.Text.Json;

using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.EndToEnd;

/// <summary>Seed clients on the JSON port (they never say hello), and JSON and text clients in one room.</summary>
public sealed class JsonSeedStyleTests : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task SeedMessageRegistersImplicitlyAndEveryFrameIsMessageShaped()
    {
        await using var alice = await JsonClient.ConnectAsync(_server.Json);
        await alice.SendAsync("""{"seq": 0, "user": "alice", "message": "hello"}""" + "\n");
        var joined = await alice.ReadAsync();
        AssertMessageShaped(joined);
        Assert.Equal(("server", "alice joined #general"), (joined.Str("user"), joined.Str("message")));

        await using var bob = await JsonClient.ConnectAsync(_server.Json);
        await bob.SendAsync("""{"seq": 0, "user": "bob", "message": "hi"}""" + "\n");
        var seen = await alice.ReadAsync();
        AssertMessageShaped(seen);
        Assert.Equal("bob joined #general", seen.Str("message"));
        var message = await alice.ReadAsync();
        Assert.Equal(["seq", "user", "message"], message.Keys()[..3]);
        Assert.Equal((0L, "bob", "hi"), (message.Num("seq")!.Value, message.Str("user"), message.Str("message")));

        // Notices, errors and command answers are message-shaped too.
        await bob.SendAsync("""{"seq": 1, "user": "bob", "message": "/who"}""" + "\n");
        await bob.SendAsync("""{"seq": 2, "user": "bob", "message": "/nonsense"}""" + "\n");
        await bob.SendAsync("not json\n");
        await bob.SendAsync("""{"seq": 3, "user": "bob", "message": "Bye from Client"}""" + "\n");
        var frames = new List<JsonElement>();
        while (await bob.ReadLineAsync() is { } line)
        {
            frames.Add(JsonDocument.Parse(line).RootElement.Clone());
        }

        Assert.All(frames, AssertMessageShaped);
        Assert.Contains(frames, f => f.Str("type") == "notice" && f.Str("message")!.StartsWith("In #general (2)", StringComparison.Ordinal));
        Assert.Contains(frames, f => f.Str("code") == "unknown-command");
        Assert.Contains(frames, f => f.Str("code") == "bad-frame");
        Assert.Contains(frames, f => f.Str("message") == "Bye from Server");
        var left = await alice.ReadUntilAsync(f => f.Str("type") == "left");
        Assert.Equal("bob left #general (quit)", left.Str("message"));
    }

    [Fact]
    public async Task SeedMessageWithATakenNameIsRefusedAndMayRetry()
    {
        await using var holder = await JsonClient.HelloAsync(_server.Json, "cleo");
        await using var seed = await JsonClient.ConnectAsync(_server.Json);
        await seed.SendAsync("""{"seq": 0, "user": "cleo", "message": "hi"}""" + "\n");
        var error = await seed.ReadAsync();
        AssertMessageShaped(error);
        Assert.Equal("nick-taken", error.Str("code"));
        await seed.SendAsync("""{"seq": 0, "user": "cleo2", "message": "hi"}""" + "\n");
        Assert.Equal("hi", (await holder.ReadUntilAsync(f => f.Str("type") == "message")).Str("message"));
    }

    [Fact]
    public async Task TextAndJsonClientsShareTheRoom()
    {
        await using var prompted = await RawClient.ConnectAsync(_server.Text);
        Assert.Equal("NICK", await prompted.ReceiveAsync());
        await prompted.SendAsync("tina\n");
        await prompted.ReadLineUntilAsync(l => l == "Connected to server!");
        await using var registered = await RawClient.ConnectAsync(_server.Text);
        await registered.SendAsync("REGISTER rita CHAT/1.0\n");
        Assert.Equal("200 Registration successful", await registered.ReadLineAsync());
        await using var native = await JsonClient.HelloAsync(_server.Json, "nora");
        await using var seed = await JsonClient.ConnectAsync(_server.Json);
        await seed.SendAsync("""{"seq": 0, "user": "sid", "message": "hello all"}""" + "\n");

        Assert.Equal("sid: hello all", await prompted.ReadLineUntilAsync(l => l.StartsWith("sid:", StringComparison.Ordinal)));
        Assert.Equal("@sid: hello all", await registered.ReadLineUntilAsync(l => l.StartsWith("@sid:", StringComparison.Ordinal)));
        Assert.Equal("hello all", (await native.ReadUntilAsync(f => f.Str("type") == "message")).Str("message"));

        await prompted.SendAsync("tina: hi from text\n");
        var fromText = await seed.ReadUntilAsync(f => f.Str("type") == "message");
        Assert.Equal(("tina", "hi from text"), (fromText.Str("user"), fromText.Str("message")));
        Assert.Equal("tina", (await native.ReadUntilAsync(f => f.Str("type") == "message")).Str("user"));
        await native.SendAsync("""{"type":"message","message":"hi from json"}""" + "\n");
        Assert.Equal("nora: hi from json", await prompted.ReadLineUntilAsync(l => l.StartsWith("nora:", StringComparison.Ordinal)));
        Assert.Equal("@nora: hi from json", await registered.ReadLineUntilAsync(l => l.StartsWith("@nora:", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ShutdownReachesNativeAndSeedClientsInTheirForms()
    {
        await using var native = await JsonClient.HelloAsync(_server.Json, "nat");
        await using var seed = await JsonClient.ConnectAsync(_server.Json);
        await seed.SendAsync("""{"seq": 0, "user": "sed", "message": "here"}""" + "\n");
        await native.ReadUntilAsync(f => f.Str("type") == "message");

        var stopping = _server.Host.StopAsync();
        var typed = await native.ReadUntilAsync(f => f.Str("type") == "shutdown");
        Assert.Equal("Server is shutting down.", typed.Str("text"));
        var shaped = await seed.ReadUntilAsync(f => f.Str("type") == "shutdown");
        AssertMessageShaped(shaped);
        Assert.Equal(("server", "Server is shutting down."), (shaped.Str("user"), shaped.Str("message")));
        Assert.True(await native.WaitForCloseAsync());
        Assert.True(await seed.WaitForCloseAsync());
        await stopping.WaitAsync(TimeSpan.FromSeconds(20));
    }

    internal static void AssertMessageShaped(JsonElement frame)
    {
        Assert.Equal(["seq", "user", "message"], frame.Keys()[..3]);
        Assert.NotNull(frame.Str("user"));
        Assert.NotNull(frame.Str("message"));
    }
}
