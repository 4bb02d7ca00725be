using Parley.Server.Tests.Infrastructure;
using Parley.Web.Tests.Infrastructure;

using static Microsoft.Playwright.Assertions;

namespace Parley.Web.Tests.Web;

/// <summary>
/// History on join and "load earlier" (issue 10's JSON frames: <c>"history":true</c> messages on join, and
/// <c>{"type":"history","room":..,"before":id}</c> answered by a page with <c>messages</c> and <c>more</c>).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class HistoryOnJoinTests(BrowserFixture browser)
{
    [Fact]
    public async Task EarlierMessagesAppearOnJoinAndLoadEarlierPagesBack()
    {
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?> { ["Parley:History:Replay"] = "5" });
        await using (var json = await JsonClient.HelloAsync(server.Json, "elder"))
        {
            for (var i = 1; i <= 8; i++)
            {
                await json.SendAsync($$"""{"type":"message","message":"old {{i}}"}""" + "\n");
            }

            await json.SendAsync("""{"type":"ping"}""" + "\n");
            await json.ReadUntilAsync(f => f.Str("type") == "pong");
        }

        var page = await ChatPage.SignInAsync(browser, server.HttpUrl, "newcomer");
        await page.ExpectMessageAsync("elder", "old 8");
        await Expect(page.Page.Locator("#messages li.history")).Not.ToHaveCountAsync(0);
        await Expect(page.Page.Locator("#load-earlier")).ToBeVisibleAsync();
        await page.Page.ClickAsync("#load-earlier");
        await page.ExpectMessageAsync("elder", "old 1");
        var texts = await page.Page.Locator("#messages li[data-kind=message] .text").AllTextContentsAsync();
        Assert.Equal([.. Enumerable.Range(1, 8).Select(i => $"old {i}")], texts);
        await page.CloseAsync();
    }
}
