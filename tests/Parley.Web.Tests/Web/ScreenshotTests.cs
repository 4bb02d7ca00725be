using Microsoft.Playwright;

using Parley.Server.Tests.Infrastructure;
using Parley.Server.Tests.Weather;
using Parley.Web.Tests.Infrastructure;

using static Microsoft.Playwright.Assertions;

namespace Parley.Web.Tests.Web;

/// <summary>
/// The README's pictures (scripts/screenshot.sh runs this with PARLEY_SCREENSHOT_DIR=docs/images): a room with
/// a few people, a direct message and a weather card, on a desktop in light and dark colour schemes and on a
/// phone-sized screen. In the ordinary test run the images go to a temporary folder, and the test checks what
/// a person would: nothing runs off the side of a phone screen, and the dark scheme really is dark.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Screenshot")]
public sealed class ScreenshotTests(BrowserFixture browser)
{
    [Fact]
    public async Task ThePageFitsDesktopAndPhoneInLightAndDark()
    {
        var folder = Environment.GetEnvironmentVariable("PARLEY_SCREENSHOT_DIR") is { Length: > 0 } dir
            ? dir
            : Directory.CreateTempSubdirectory("parley-screens").FullName;
        await using var openMeteo = await FakeOpenMeteoServer.StartAsync();
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?> { ["Parley:Weather:BaseUrl"] = openMeteo.BaseUrl.ToString() });
        var bob = await ChatPage.SignInAsync(browser, server.HttpUrl, "bob");
        var ann = await ChatPage.SignInAsync(browser, server.HttpUrl, "ann");
        await using var json = await JsonClient.HelloAsync(server.Json, "carol");
        await bob.SayAsync("Morning all! Anyone tried the new build?");
        await json.SendAsync("""{"type":"message","message":"Yes, the web page works on my phone too."}""" + "\n");
        await ann.SayAsync("Nice. Is it going to rain this week?");
        await ann.SayAsync("weather");
        await Expect(ann.Page.Locator("#messages .weather .day")).ToHaveCountAsync(3);
        await bob.SayAsync("/msg ann lunch at noon?");
        await Expect(ann.Page.Locator("#conversations button[data-key='@bob'] .unread")).ToHaveTextAsync("1");
        await ann.ExpectMemberAsync("carol");
        await ann.Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, "web-chat.png") });

        await ann.Page.EmulateMediaAsync(new PageEmulateMediaOptions { ColorScheme = ColorScheme.Dark });
        var background = await ann.Page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");
        Assert.Equal("rgb(17, 19, 24)", background);
        await ann.Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, "web-chat-dark.png") });

        await ann.Page.SetViewportSizeAsync(390, 760);
        await ann.Page.EmulateMediaAsync(new PageEmulateMediaOptions { ColorScheme = ColorScheme.Light });
        var overflow = await ann.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"the page is {overflow}px wider than a phone screen");
        await Expect(ann.Page.Locator("#input")).ToBeVisibleAsync();
        await ann.Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, "web-chat-phone.png") });
        Assert.True(new FileInfo(Path.Combine(folder, "web-chat.png")).Length > 10_000);
        await ann.CloseAsync();
        await bob.CloseAsync();
    }
}
