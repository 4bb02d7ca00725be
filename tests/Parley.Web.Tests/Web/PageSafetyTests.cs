using Parley.Server.Tests.Infrastructure;
using Parley.Web.Tests.Infrastructure;

using static Microsoft.Playwright.Assertions;

namespace Parley.Web.Tests.Web;

/// <summary>Whatever people send is shown as text: markup in a message never becomes an element or runs.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PageSafetyTests(BrowserFixture browser)
{
    [Fact]
    public async Task MarkupInAMessageIsShownAsText()
    {
        const string Attack = "<img src=x onerror=alert(1)>";
        await using var server = await TestServer.StartAsync();
        var page = await ChatPage.SignInAsync(browser, server.HttpUrl, "viewer");
        var dialogs = 0;
        page.Page.Dialog += (_, dialog) =>
        {
            Interlocked.Increment(ref dialogs);
            _ = dialog.DismissAsync();
        };
        await using var json = await JsonClient.HelloAsync(server.Json, "mallory");
        await json.SendAsync($$"""{"type":"message","message":"{{Attack}}"}""" + "\n");

        await page.ExpectMessageAsync("mallory", Attack);
        await Expect(page.Message("mallory", Attack).Locator(".text")).ToHaveTextAsync(Attack);
        await Expect(page.Page.Locator("#messages img")).ToHaveCountAsync(0);

        // Typed on the page itself, too.
        await page.SayAsync("<script>alert(2)</script>");
        await page.ExpectMessageAsync("viewer", "<script>alert(2)</script>");
        await Expect(page.Page.Locator("#messages script")).ToHaveCountAsync(0);
        Assert.Equal(0, Volatile.Read(ref dialogs));
        await page.CloseAsync();
    }
}
