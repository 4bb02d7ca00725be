using Parley.Client.Connections;
using Parley.Client.Terminal;

namespace Parley.Client.Tests.Terminal;

public sealed class PrivateLineTests
{
    [Theory]
    [InlineData("/msg bob hello there", "bob", "hello there")]
    [InlineData("  /MSG bob   hi ", "bob", "hi")]
    public void A_typed_private_message_is_recognised(string line, string nick, string text)
    {
        Assert.True(PrivateLine.TryParse(line, out var to, out var said));
        Assert.Equal(nick, to);
        Assert.Equal(text, said);
    }

    [Theory]
    [InlineData("/msg bob")]
    [InlineData("/msg")]
    [InlineData("/msgbob hi")]
    [InlineData("hello /msg bob hi")]
    [InlineData("/me waves")]
    public void Anything_else_is_not(string line) => Assert.False(PrivateLine.TryParse(line, out _, out _));

    [Fact]
    public void The_sender_sees_it_as_the_echo_would_show_it()
    {
        var now = new DateTimeOffset(2025, 1, 2, 9, 5, 0, TimeSpan.Zero);
        var view = new SessionView("alice");
        var echoed = EventMarkup.For(new MessageReceived("alice", "hi [b]", true, To: "bob"), now, view);
        Assert.Equal(echoed, EventMarkup.OwnPrivate("bob", "hi [b]", now));
        Assert.Contains("-> ", echoed, StringComparison.Ordinal);
        Assert.Contains("hi [[b]]", echoed, StringComparison.Ordinal);
    }
}
