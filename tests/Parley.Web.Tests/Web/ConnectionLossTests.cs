using Microsoft.Playwright;

using Parley.Server.Tests.Infrastructure;
using Parley.Web.Tests.Infrastructure;

using static Microsoft.Playwright.Assertions;

namespace Parley.Web.Tests.Web;

/// <summary>The page says when the server stops, and comes back by itself (same nickname, same rooms) when a
/// server listens again on the same HTTP port.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ConnectionLossTests(BrowserFixture browser)
{
    [Fact]
    public async Task ShutdownIsShownAndThePageReconnectsToTheRestartedServer()
    {
        var first = await TestServer.StartAsync();
        var port = first.Http.Port;
        var page = await ChatPage.SignInAsync(browser, first.HttpUrl, "phoenix");
        await page.SayAsync("/join #ashes");
        await Expect(page.Page.Locator("#title")).ToHaveTextAsync("#ashes");

        await first.DisposeAsync();
        await Expect(page.Banner).ToBeVisibleAsync();
        await Expect(page.Banner).ToContainTextAsync("shutting down");

        await using var second = await TestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Parley:Server:HttpPort"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var reconnect = new LocatorAssertionsToBeHiddenOptions { Timeout = 30_000 };
        await Expect(page.Banner).ToBeHiddenAsync(reconnect);
        await Expect(page.Page.Locator("#me")).ToHaveTextAsync("phoenix");

        // Back in both rooms on the new server: a JSON client there sees it in #ashes and hears from it.
        await using var json = await JsonClient.HelloAsync(second.Json, "witness");
        await json.SendAsync("""{"type":"join","room":"#ashes"}""" + "\n");
        await json.SendAsync("""{"type":"who","room":"#ashes"}""" + "\n");
        var who = await json.ReadUntilAsync(f => f.Str("kind") == "who");
        Assert.Contains("phoenix", who.Str("text"), StringComparison.Ordinal);
        await page.OpenConversationAsync("#ashes");
        await page.SayAsync("risen");
        Assert.Equal("risen", (await json.ReadUntilAsync(f => f.Str("type") == "message")).Str("message"));
        await page.CloseAsync();
    }
}
