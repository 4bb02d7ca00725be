using Parley.Server.Tests.Infrastructure;
using Parley.Web.Tests.Infrastructure;

using static Microsoft.Playwright.Assertions;

namespace Parley.Web.Tests.Web;

/// <summary>Two browser pages, a text client and a JSON client in one room on a real server (port 0).</summary>
[Collection(BrowserCollection.Name)]
public sealed class MixedRoomTests(BrowserFixture browser)
{
    [Fact]
    public async Task PagesTextAndJsonClientsChatInAllDirections()
    {
        await using var server = await TestServer.StartAsync();
        var ann = await ChatPage.SignInAsync(browser, server.HttpUrl, "ann");
        var bob = await ChatPage.SignInAsync(browser, server.HttpUrl, "bob");
        await using var text = await RawClient.ConnectAsync(server.Text);
        Assert.Equal("NICK", await text.ReceiveAsync());
        await text.SendAsync("tex\n");
        await text.ReadLineUntilAsync(l => l == "Connected to server!");
        await using var json = await JsonClient.HelloAsync(server.Json, "jay");
        await ann.ExpectMemberAsync("jay");
        await ann.ExpectMemberAsync("tex");
        await ann.ExpectMemberAsync("bob");

        await ann.SayAsync("hello from ann");
        await bob.ExpectMessageAsync("ann", "hello from ann");
        await ann.ExpectMessageAsync("ann", "hello from ann");
        Assert.Equal("ann: hello from ann", await text.ReadLineUntilAsync(l => l.StartsWith("ann:", StringComparison.Ordinal)));
        Assert.Equal("hello from ann", (await json.ReadUntilAsync(f => f.Str("type") == "message")).Str("message"));

        await bob.SayAsync("bob here");
        await ann.ExpectMessageAsync("bob", "bob here");
        Assert.Equal("bob: bob here", await text.ReadLineUntilAsync(l => l.StartsWith("bob:", StringComparison.Ordinal)));
        Assert.Equal("bob here", (await json.ReadUntilAsync(f => f.Str("type") == "message")).Str("message"));

        await text.SendAsync("typed in a terminal\n");
        await ann.ExpectMessageAsync("tex", "typed in a terminal");
        await bob.ExpectMessageAsync("tex", "typed in a terminal");

        await json.SendAsync("""{"type":"message","message":"sent as JSON"}""" + "\n");
        await ann.ExpectMessageAsync("jay", "sent as JSON");
        await bob.ExpectMessageAsync("jay", "sent as JSON");
        Assert.Equal("jay: sent as JSON", await text.ReadLineUntilAsync(l => l.StartsWith("jay:", StringComparison.Ordinal)));
        await ann.CloseAsync();
        await bob.CloseAsync();
    }

    [Fact]
    public async Task DirectMessagesAreTheirOwnConversation()
    {
        await using var server = await TestServer.StartAsync();
        var ann = await ChatPage.SignInAsync(browser, server.HttpUrl, "ann");
        var bob = await ChatPage.SignInAsync(browser, server.HttpUrl, "bob");
        await using var json = await JsonClient.HelloAsync(server.Json, "jay");

        await ann.SayAsync("/msg bob just between us");
        var fromAnn = bob.Page.Locator("#conversations button[data-key='@ann']");
        await Expect(fromAnn.Locator(".unread")).ToHaveTextAsync("1");
        await Expect(bob.Message("ann", "just between us")).ToHaveCountAsync(0);
        await bob.OpenConversationAsync("@ann");
        await bob.ExpectMessageAsync("ann", "just between us");
        await Expect(bob.Page.Locator("#title")).ToHaveTextAsync("@ann");

        // In a direct conversation a plain line goes to that person only.
        await bob.SayAsync("got it");
        await ann.OpenConversationAsync("@bob");
        await ann.ExpectMessageAsync("bob", "got it");
        await json.SendAsync("""{"type":"msg","to":"ann","message":"from json"}""" + "\n");
        await ann.OpenConversationAsync("@jay");
        await ann.ExpectMessageAsync("jay", "from json");
        await ann.SayAsync("back to json");
        var reply = await json.ReadUntilAsync(f => f.Str("type") == "direct");
        Assert.Equal("back to json", reply.Str("message"));
        Assert.Equal("ann", reply.Str("user"));
        await ann.CloseAsync();
        await bob.CloseAsync();
    }

    [Fact]
    public async Task RoomsCanBeJoinedLeftAndCountUnread()
    {
        await using var server = await TestServer.StartAsync();
        var ann = await ChatPage.SignInAsync(browser, server.HttpUrl, "ann");
        var bob = await ChatPage.SignInAsync(browser, server.HttpUrl, "bob");
        await ann.Page.FillAsync("#join-room", "rust");
        await ann.Page.PressAsync("#join-room", "Enter");
        await Expect(ann.Page.Locator("#title")).ToHaveTextAsync("#rust");
        await bob.SayAsync("/join #rust");
        await Expect(bob.Page.Locator("#title")).ToHaveTextAsync("#rust");
        await ann.ExpectMemberAsync("bob");

        await ann.OpenConversationAsync("#general");
        await bob.SayAsync("in rust");
        await bob.SayAsync("still rust");
        await Expect(ann.Page.Locator("#conversations button[data-key='#rust'] .unread")).ToHaveTextAsync("2");
        await ann.OpenConversationAsync("#rust");
        await ann.ExpectMessageAsync("bob", "still rust");
        await Expect(ann.Page.Locator("#conversations button[data-key='#rust'] .unread")).ToHaveCountAsync(0);

        await bob.Page.ClickAsync("#leave");
        await Expect(bob.Page.Locator("#conversations button[data-key='#rust']")).ToHaveCountAsync(0);
        await Expect(ann.Page.Locator("#members li", new() { HasTextString = "bob" })).ToHaveCountAsync(0);
        await ann.CloseAsync();
        await bob.CloseAsync();
    }

    [Fact]
    public async Task ATakenNicknameIsRefusedOnThePage()
    {
        await using var server = await TestServer.StartAsync();
        await using var json = await JsonClient.HelloAsync(server.Json, "taken");
        var page = new ChatPage(await browser.OpenAsync(server.HttpUrl));
        await page.Page.FillAsync("#nick", "taken");
        await page.Page.PressAsync("#nick", "Enter");
        await Expect(page.Page.Locator("#login-error")).ToContainTextAsync("taken");
        await page.Page.FillAsync("#nick", "free");
        await page.Page.PressAsync("#nick", "Enter");
        await Expect(page.Page.Locator("#me")).ToHaveTextAsync("free");
        await page.CloseAsync();
    }
}
