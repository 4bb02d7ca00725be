using Parley.Server.Tests.Infrastructure;
using Parley.Server.Tests.Weather;

namespace Parley.Server.Tests.EndToEnd;

/// <summary>Native JSON clients (they say hello) on the JSON port: typed frames both ways.</summary>
public sealed class JsonNativeTests : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task HelloGetsWelcomeThenJoinedAndMessagesKeepTheSeedShape()
    {
        await using var alice = await JsonClient.ConnectAsync(_server.Json);
        await alice.SendAsync("""{"type":"hello","user":"alice","version":1}""" + "\n");
        Assert.Equal("""{"type":"welcome","version":1,"user":"alice","room":"#general"}""", await alice.ReadLineAsync());
        var joined = await alice.ReadAsync();
        Assert.Equal(("joined", "alice", "#general"), (joined.Str("type"), joined.Str("user"), joined.Str("room")));

        await using var bob = await JsonClient.HelloAsync(_server.Json, "bob");
        await alice.ReadUntilAsync(f => f.Str("type") == "joined" && f.Str("user") == "bob");
        await bob.SendAsync("""{"type":"message","message":"hi alice","seq":7}""" + "\n");
        var message = await alice.ReadAsync();
        Assert.Equal(["seq", "user", "message"], message.Keys()[..3]);
        Assert.Equal((7L, "bob", "hi alice", "message", "#general"), (message.Num("seq")!.Value, message.Str("user"), message.Str("message"), message.Str("type"), message.Str("room")));
    }

    [Fact]
    public async Task RoomsWhoDirectPingAndQuit()
    {
        await using var ann = await JsonClient.HelloAsync(_server.Json, "ann");
        await using var ben = await JsonClient.HelloAsync(_server.Json, "ben");
        await ann.ReadUntilAsync(f => f.Str("user") == "ben");

        await ann.SendAsync("""{"type":"join","room":"#rust"}""" + "\n");
        Assert.Equal(("joined", "#rust"), await Pair(ann.ReadUntilAsync(f => f.Str("type") == "joined"), "type", "room"));
        await ann.SendAsync("""{"type":"message","message":"only rust","room":"#rust"}{"type":"message","message":"to general","room":"#general"}""");
        var general = await ben.ReadUntilAsync(f => f.Str("type") == "message");
        Assert.Equal("to general", general.Str("message"));

        await ann.SendAsync("""{"type":"who","room":"#general"}""" + "\n");
        var who = await ann.ReadUntilAsync(f => f.Str("kind") == "who");
        Assert.Contains("ann", who.Str("text"), StringComparison.Ordinal);
        Assert.Contains("ben", who.Str("text"), StringComparison.Ordinal);
        await ann.SendAsync("""{"type":"rooms"}""" + "\n");
        Assert.Contains("#rust (1)", (await ann.ReadUntilAsync(f => f.Str("kind") == "rooms")).Str("text"), StringComparison.Ordinal);

        await ann.SendAsync("""{"type":"msg","to":"ben","message":"psst"}""" + "\n");
        var direct = await ben.ReadUntilAsync(f => f.Str("type") == "direct");
        Assert.Equal(("ann", "psst", "ben"), (direct.Str("user"), direct.Str("message"), direct.Str("to")));
        await ann.SendAsync("""{"type":"msg","to":"nobody","message":"psst"}""" + "\n");
        Assert.Equal("no-such-nick", (await ann.ReadUntilAsync(f => f.Str("type") == "error")).Str("code"));

        await ann.SendAsync("""{"type":"part","room":"#rust"}""" + "\n");
        Assert.Equal("#rust", (await ann.ReadUntilAsync(f => f.Str("type") == "left")).Str("room"));
        await ann.SendAsync("""{"type":"ping"}""" + "\n");
        Assert.Equal("""{"type":"pong"}""", await ann.Raw.ReadLineUntilAsync(l => l.Contains("pong", StringComparison.Ordinal)));

        await ann.SendAsync("""{"type":"quit"}""" + "\n");
        Assert.Equal("goodbye", (await ann.ReadUntilAsync(f => f.Str("type") == "notice")).Str("kind"));
        Assert.True(await ann.WaitForCloseAsync());
        var left = await ben.ReadUntilAsync(f => f.Str("type") == "left");
        Assert.Equal(("ann", "quit"), (left.Str("user"), left.Str("reason")));
    }

    [Fact]
    public async Task WeatherAnswersFromTheForecastService()
    {
        await using var openMeteo = await FakeOpenMeteoServer.StartAsync();
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?> { ["Parley:Weather:BaseUrl"] = openMeteo.BaseUrl.ToString() });
        await using var asker = await JsonClient.HelloAsync(server.Json, "asker");
        await asker.SendAsync("""{"type":"weather"}""" + "\n");
        var notice = await asker.ReadUntilAsync(f => f.Str("type") == "notice" && f.Str("kind") != "history");
        Assert.Equal("weather", notice.Str("kind"));
        Assert.StartsWith("Weather for Kansas City", notice.Str("text"), StringComparison.Ordinal);

        // Typed as a chat message, it is the same command as on the text port.
        await asker.SendAsync("""{"type":"message","message":"weather"}""" + "\n");
        Assert.Equal("weather", (await asker.ReadUntilAsync(f => f.Str("type") == "notice" && f.Str("kind") != "history")).Str("kind"));
    }

    [Fact]
    public async Task ErrorsCarryStableCodesAndTheConnectionCarriesOn()
    {
        await using var taken = await JsonClient.HelloAsync(_server.Json, "taken");
        await using var client = await JsonClient.ConnectAsync(_server.Json);
        await client.SendAsync("""{"type":"who"}""" + "\n");
        Assert.Equal("not-registered", (await client.ReadAsync()).Str("code"));
        await client.SendAsync("""{"type":"hello","user":"TAKEN"}""" + "\n");
        Assert.Equal("nick-taken", (await client.ReadAsync()).Str("code"));
        await client.SendAsync("""{"type":"hello","user":"9lives"}""" + "\n");
        Assert.Equal("nick-invalid", (await client.ReadAsync()).Str("code"));
        await client.SendAsync("{not json at all\n");
        Assert.Equal("bad-frame", (await client.ReadAsync()).Str("code"));
        await client.SendAsync("""{"type":"dance"}""" + "\n");
        Assert.Equal("bad-frame", (await client.ReadAsync()).Str("code"));

        await client.SendAsync("""{"type":"hello","user":"retry"}""" + "\n");
        Assert.Equal("welcome", (await client.ReadAsync()).Str("type"));
        await client.SendAsync("""{"type":"hello","user":"again"}""" + "\n");
        Assert.Equal("already-registered", (await client.ReadUntilAsync(f => f.Str("type") == "error")).Str("code"));
        await client.SendAsync("""{"type":"join","room":"#bad!room"}""" + "\n");
        Assert.Equal("room-invalid", (await client.ReadUntilAsync(f => f.Str("type") == "error")).Str("code"));
        await client.SendAsync("""{"type":"message","message":"still here"}""" + "\n");
        Assert.Equal("still here", (await taken.ReadUntilAsync(f => f.Str("type") == "message")).Str("message"));
    }

    [Fact]
    public async Task OversizeFrameGetsTooLongAndTheConnectionCloses()
    {
        await using var reader = await JsonClient.HelloAsync(_server.Json, "reader");
        await using var client = await JsonClient.HelloAsync(_server.Json, "big");
        await client.SendAsync("""{"type":"message","message":" """ + new string('x', 70_000) + "\"}\n");
        Assert.Equal("too-long", (await client.ReadUntilAsync(f => f.Str("type") == "error")).Str("code"));
        Assert.True(await client.WaitForCloseAsync());
        Assert.Equal("big", (await reader.ReadUntilAsync(f => f.Str("type") == "left")).Str("user"));
    }

    [Fact]
    public async Task FramesMayBeConcatenatedOrSplitAcrossWrites()
    {
        await using var reader = await JsonClient.HelloAsync(_server.Json, "rd");
        await using var writer = await JsonClient.HelloAsync(_server.Json, "wr");
        await reader.ReadUntilAsync(f => f.Str("user") == "wr");
        await writer.SendAsync("""{"type":"message","message":"one"}{"type":"message","message":"two"} {"message":"thr""");
        await writer.SendAsync("""ee"}""");
        Assert.Equal("one", (await reader.ReadAsync()).Str("message"));
        Assert.Equal("two", (await reader.ReadAsync()).Str("message"));
        Assert.Equal("three", (await reader.ReadAsync()).Str("message"));
    }

    private static async Task<(string?, string?)> Pair(Task<System.Text.Json.JsonElement> frame, string a, string b)
    {
        var f = await frame;
        return (f.Str(a), f.Str(b));
    }
}
