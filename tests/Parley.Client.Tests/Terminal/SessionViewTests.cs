using Parley.Client.Connections;
using Parley.Client.Terminal;

namespace Parley.Client.Tests.Terminal;

public sealed class SessionViewTests
{
    [Fact]
    public void FollowsWelcomeJoinsPartsAndRenamesForThePrompt()
    {
        var view = new SessionView("alice");
        Assert.Equal("alice> ", view.Prompt);

        Assert.True(view.Apply(new Welcomed("alice", "#general")));
        Assert.Equal("alice #general> ", view.Prompt);
        Assert.False(view.Apply(new MemberJoined("bob", "#rust")));
        Assert.True(view.Apply(new MemberJoined("ALICE", "#rust")));
        Assert.Equal("#rust", view.CurrentRoom);
        Assert.True(view.Apply(new MemberRenamed("alice", "ally")));
        Assert.Equal("ally #rust> ", view.Prompt);
        Assert.True(view.Apply(new MemberLeft("ally", "#rust", "part")));
        Assert.Equal("#general", view.CurrentRoom);
        Assert.True(view.Apply(new MemberLeft("ally", "#general", "part")));
        Assert.Null(view.CurrentRoom);
    }

    [Fact]
    public void InteractiveMarkupNamesOnlyOtherRooms()
    {
        var view = new SessionView("alice");
        view.Apply(new Welcomed("alice", "#general"));
        var now = new DateTimeOffset(2025, 1, 2, 9, 5, 0, TimeSpan.Zero);

        Assert.DoesNotContain("#general", EventMarkup.For(new MessageReceived("bob", "hi", false, "#general"), now, view), StringComparison.Ordinal);
        Assert.Contains("[[#rust]]", EventMarkup.For(new MessageReceived("bob", "hi", false, "#rust"), now, view), StringComparison.Ordinal);
        Assert.Null(EventMarkup.For(new Welcomed("alice", "#general"), now, view));
    }

    [Fact]
    public async Task OptionsPickTheConnectionForTheProtocol()
    {
        var options = new ClientOptions(ChatEndpoint.Default, "alice", TimeSpan.Zero, NoColor: true);
        await using var json = options.CreateConnection();
        await using var text = (options with { Protocol = ClientProtocol.Text }).CreateConnection();
        await using var listen = (options with { ListenPort = 0 }).CreateConnection();
        Assert.IsType<JsonChatConnection>(json);
        Assert.IsType<TextChatConnection>(text);
        Assert.IsType<SubscriberConnection>(listen);
    }
}
