using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.EndToEnd;

/// <summary>The seed dialects on the text port, driven byte for byte the way their clients behave.</summary>
public sealed class TextDialectTests : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task PromptedUnframedClientGetsNickAloneAndChatsWithoutNewlines()
    {
        await using var alice = await RawClient.ConnectAsync(_server.Text);
        Assert.Equal("NICK", await alice.ReceiveAsync());
        await alice.SendAsync("alice");
        await alice.ReceiveUntilAsync("alice joined!");
        await alice.ReceiveUntilAsync("Connected to server!");

        await using var bob = await RawClient.ConnectAsync(_server.Text);
        Assert.Equal("NICK", await bob.ReceiveAsync());
        await bob.SendAsync("bob");
        await bob.ReceiveUntilAsync("Connected to server!");
        Assert.Equal("bob joined!", await alice.ReceiveAsync());

        await alice.SendAsync("alice: hello bob");
        Assert.Equal("alice: hello bob", await bob.ReceiveAsync());
        await bob.SendAsync("bob: hi alice");
        Assert.Equal("bob: hi alice", await alice.ReceiveAsync());
    }

    [Fact]
    public async Task PromptedLineClientIsFramedBothWays()
    {
        await using var carol = await RawClient.ConnectAsync(_server.Text);
        Assert.Equal("NICK", await carol.ReceiveAsync());
        await carol.SendAsync("carol\r\n");
        Assert.Equal("carol joined!", await carol.ReadLineAsync());
        Assert.Equal("Connected to server!", await carol.ReadLineAsync());

        await using var dave = await Join("dave\n");
        Assert.Equal("dave joined!", await carol.ReadLineAsync());
        await dave.SendAsync("hello ");
        await dave.SendAsync("carol\nsecond line\n");
        Assert.Equal("dave: hello carol", await carol.ReadLineAsync());
        Assert.Equal("dave: second line", await carol.ReadLineAsync());
    }

    [Fact]
    public async Task RegisteredClientsChatWithPromptedClients()
    {
        await using var prompted = await Join("kim\n");
        await using var reg = await RawClient.ConnectAsync(_server.Text);
        await reg.SendAsync("REGISTER lee CHAT/1.0\n");
        Assert.Equal("200 Registration successful", await reg.ReadLineAsync());
        Assert.Equal("lee joined!", await reg.ReadLineAsync());
        Assert.Equal("lee joined!", await prompted.ReadLineAsync());

        await reg.SendAsync("@lee: hi kim\n");
        Assert.Equal("lee: hi kim", await prompted.ReadLineAsync());
        await prompted.SendAsync("kim: hi lee\n");
        Assert.Equal("@kim: hi lee", await reg.ReadLineAsync());

        await reg.SendAsync("DISCONNECT lee CHAT/1.0\n");
        Assert.True(await reg.WaitForCloseAsync());
        Assert.Equal("lee left", await prompted.ReadLineAsync());
    }

    [Fact]
    public async Task UnframedRegistrationIsAnsweredUnframed()
    {
        await using var reg = await RawClient.ConnectAsync(_server.Text);
        await reg.SendAsync("REGISTER uma CHAT/1.0");
        var reply = await reg.ReceiveUntilAsync("200 Registration successful");
        Assert.StartsWith("200 Registration successful", reply, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", reply, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("REGISTER bad name CHAT/1.0\n", "400 Invalid registration")]
    [InlineData("REGISTER 9lives CHAT/1.0\n", "400 Invalid registration")]
    [InlineData("REGISTER taken CHAT/1.0\n", "401 Client already registered")]
    [InlineData("REGISTER TAKEN CHAT/1.0\n", "401 Client already registered")]
    public async Task BadRegistrationIsRefusedAndClosed(string request, string expected)
    {
        await using var holder = await Join("taken\n");
        await using var reg = await RawClient.ConnectAsync(_server.Text);
        await reg.SendAsync(request);
        Assert.Equal(expected, await reg.ReadLineAsync());
        Assert.True(await reg.WaitForCloseAsync());
    }

    [Fact]
    public async Task TakenNicknameIsRefusedAndALineClientMayRetry()
    {
        await using var first = await Join("zed\n");
        await using var second = await RawClient.ConnectAsync(_server.Text);
        Assert.Equal("NICK", await second.ReceiveAsync());
        await second.SendAsync("ZED\n");
        Assert.StartsWith("error: The nickname ZED is taken", await second.ReadLineAsync(), StringComparison.Ordinal);
        Assert.Equal("NICK", await second.ReadLineAsync());
        await second.SendAsync("zed2\n");
        Assert.Equal("zed2 joined!", await second.ReadLineAsync());
    }

    [Fact]
    public async Task TakenNicknameClosesAnUnframedClient()
    {
        await using var first = await Join("yan\n");
        await using var second = await RawClient.ConnectAsync(_server.Text);
        Assert.Equal("NICK", await second.ReceiveAsync());
        await second.SendAsync("yan");
        Assert.StartsWith("error: The nickname yan is taken", await second.ReceiveAsync(), StringComparison.Ordinal);
        Assert.True(await second.WaitForCloseAsync());
    }

    [Fact]
    public async Task UnknownFirstWordsGetHowToJoinAndAClose()
    {
        await using var stranger = await RawClient.ConnectAsync(_server.Text);
        await stranger.SendAsync("GET / HTTP/1.1\r\n\r\n");
        Assert.Contains("REGISTER <name> CHAT/1.0", await stranger.ReadLineAsync(), StringComparison.Ordinal);
        Assert.True(await stranger.WaitForCloseAsync());
    }

    [Fact]
    public async Task ASeedClientThatSpeaksBeforeTheNickPromptIsStillUnderstood()
    {
        await using var listener = await Join("listener\n");

        // The user typed before NICK arrived: the seed client sends "nick: text" first, then answers NICK.
        await using var early = await RawClient.ConnectAsync(_server.Text);
        await early.SendAsync("early: first words");

        // NICK comes first; the join notice and welcome follow a write gap later, or in the same recv() when this
        // reader is slower than the gap (a loaded machine): the test does not depend on which.
        Assert.StartsWith("NICK", await early.ReceiveUntilAsync("Connected to server!"), StringComparison.Ordinal);
        await early.SendAsync("early");
        Assert.Equal("early joined!", await listener.ReadLineAsync());
        Assert.Equal("early: first words", await listener.ReadLineAsync());

        // In this dialect a pause is what ends a message (UnframedPause); this one stands for the user typing.
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        await early.SendAsync("early: second");
        Assert.Equal("early: second", await listener.ReadLineAsync());
    }

    [Fact]
    public async Task MergedUnframedMessagesAreSplitAtTheSendersOwnPrefix()
    {
        await using var listener = await Join("ears\n");
        await using var fast = await RawClient.ConnectAsync(_server.Text);
        Assert.Equal("NICK", await fast.ReceiveAsync());
        await fast.SendAsync("fast");
        await fast.ReceiveUntilAsync("Connected to server!");
        Assert.Equal("fast joined!", await listener.ReadLineAsync());

        // Two send() calls faster than the pause arrive as one burst.
        await fast.SendAsync("fast: onefast: two");
        Assert.Equal("fast: one", await listener.ReadLineAsync());
        Assert.Equal("fast: two", await listener.ReadLineAsync());
    }

    [Fact]
    public async Task ByeFromClientGetsGoodbyeAndTheRoomIsTold()
    {
        await using var stays = await Join("stays\n");
        await using var leaves = await Join("leaves\n");
        await stays.ReadLineUntilAsync(l => l == "leaves joined!");
        await leaves.SendAsync("leaves: bye FROM client\n");
        Assert.Equal("Bye from Server", await leaves.ReadLineUntilAsync(l => l.StartsWith("Bye", StringComparison.Ordinal)));
        Assert.True(await leaves.WaitForCloseAsync());
        Assert.Equal("leaves left", await stays.ReadLineAsync());

        // The server keeps serving, and the nickname is free again.
        await using var again = await Join("leaves\n");
        Assert.Equal("leaves joined!", await stays.ReadLineAsync());
    }

    [Fact]
    public async Task DroppedConnectionIsADeparture()
    {
        await using var stays = await Join("keeper\n");
        var drops = await Join("dropper\n");
        await stays.ReadLineUntilAsync(l => l == "dropper joined!");
        await drops.DisposeAsync();
        Assert.Equal("dropper left", await stays.ReadLineAsync());
        Assert.Equal(1, _server.Hub.MemberCount);
    }

    [Fact]
    public async Task OverlongMessageGetsAnErrorAndEveryoneCarriesOn()
    {
        await using var reader = await Join("reader\n");
        await using var writer = await Join("writer\n");
        await reader.ReadLineUntilAsync(l => l == "writer joined!");
        await writer.SendAsync(new string('x', 10_000) + "\n");
        Assert.StartsWith("error: Message too long", await writer.ReadLineUntilAsync(l => l.StartsWith("error", StringComparison.Ordinal)), StringComparison.Ordinal);
        await writer.SendAsync("still here\n");
        Assert.Equal("writer: still here", await reader.ReadLineAsync());
    }

    [Fact]
    public async Task InvalidUtf8IsReplacedNotFatal()
    {
        await using var reader = await Join("utfr\n");
        await using var writer = await Join("utfw\n");
        await reader.ReadLineUntilAsync(l => l == "utfw joined!");
        await writer.SendAsync([(byte)'o', (byte)'k', 0xC3, 0x28, 0xFF, (byte)'\n']);
        Assert.Equal("utfw: ok\uFFFD(\uFFFD", await reader.ReadLineAsync());
    }

    [Fact]
    public async Task MessagesAreNotEchoedToTheSender()
    {
        await using var solo = await Join("solo\n");
        await using var other = await Join("other\n");
        await solo.ReadLineUntilAsync(l => l == "other joined!");
        await solo.SendAsync("solo: one\n");
        await other.SendAsync("other: two\n");
        Assert.Equal("other: two", await solo.ReadLineAsync());
    }

    [Fact]
    public async Task ShutdownTellsEveryDialectAndClosesConnections()
    {
        await using var prompted = await Join("p1\n");
        await using var unframed = await RawClient.ConnectAsync(_server.Text);
        Assert.Equal("NICK", await unframed.ReceiveAsync());
        await unframed.SendAsync("p2");
        await unframed.ReceiveUntilAsync("Connected to server!");
        await using var reg = await RawClient.ConnectAsync(_server.Text);
        await reg.SendAsync("REGISTER r1 CHAT/1.0\n");
        Assert.Equal("200 Registration successful", await reg.ReadLineAsync());

        var stopping = _server.Host.StopAsync();
        Assert.Equal("Server is shutting down.", await prompted.ReadLineUntilAsync(l => l.StartsWith("Server", StringComparison.Ordinal)));
        await unframed.ReceiveUntilAsync("Server is shutting down.");
        Assert.Equal("DISCONNECT CHAT/1.0", await reg.ReadLineUntilAsync(l => l.StartsWith("DISCONNECT", StringComparison.Ordinal)));
        Assert.True(await prompted.WaitForCloseAsync());
        Assert.True(await unframed.WaitForCloseAsync());
        Assert.True(await reg.WaitForCloseAsync());
        await stopping.WaitAsync(TimeSpan.FromSeconds(20));
    }

    private async Task<RawClient> Join(string nickLine)
    {
        var client = await RawClient.ConnectAsync(_server.Text);
        Assert.Equal("NICK", await client.ReceiveAsync());
        await client.SendAsync(nickLine);
        await client.ReadLineUntilAsync(l => l == "Connected to server!");
        return client;
    }
}
