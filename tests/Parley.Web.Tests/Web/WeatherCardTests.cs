using Parley.Server.Tests.Infrastructure;
using Parley.Server.Tests.Weather;
using Parley.Web.Tests.Infrastructure;

using static Microsoft.Playwright.Assertions;

namespace Parley.Web.Tests.Web;

/// <summary><c>weather</c> on the page is answered as a three-day card (local Open-Meteo stand-in).</summary>
[Collection(BrowserCollection.Name)]
public sealed class WeatherCardTests(BrowserFixture browser)
{
    [Fact]
    public async Task WeatherShowsAThreeDayCard()
    {
        await using var openMeteo = await FakeOpenMeteoServer.StartAsync();
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Parley:Weather:BaseUrl"] = openMeteo.BaseUrl.ToString(),
        });
        var page = await ChatPage.SignInAsync(browser, server.HttpUrl, "sunny");
        await page.SayAsync("weather");

        var card = page.Page.Locator("#messages .weather");
        await Expect(card).ToHaveCountAsync(1);
        await Expect(card.Locator("h4")).ToContainTextAsync("Weather for Kansas City");
        await Expect(card.Locator(".day")).ToHaveCountAsync(3);
        await Expect(card.Locator(".day .high").First).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^-?\d+°F$"));
        Assert.Single(openMeteo.ForecastQueries);

        // The question is not a chat message: nothing was posted to the room as "weather".
        await Expect(page.Message("sunny", "weather")).ToHaveCountAsync(0);
        await page.CloseAsync();
    }
}
