using Parley.Server.Tests.Infrastructure;
using Parley.Server.Tests.Weather;

namespace Parley.Server.Tests.EndToEnd;

/// <summary>`weather` over the text port: answered to its sender alone, from a local Open-Meteo stand-in
/// serving a recorded response, or from climate normals when the service is unreachable.</summary>
public sealed class WeatherCommandTests
{
    [Fact]
    public async Task WeatherAnswersItsSenderAloneWithTheForecast()
    {
        await using var openMeteo = await FakeOpenMeteoServer.StartAsync();
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Parley:Weather:BaseUrl"] = openMeteo.BaseUrl.ToString(),
        });
        await using var asker = await Join(server, "asker\n");
        await using var other = await Join(server, "other\n");
        await asker.ReadLineUntilAsync(l => l == "other joined!");

        await asker.SendAsync("asker:   WeAtHeR  \n");
        var heading = await asker.ReadLineAsync();
        Assert.StartsWith("Weather for Kansas City", heading, StringComparison.Ordinal);
        Assert.Contains("forecast", heading, StringComparison.Ordinal);
        var days = new[] { await asker.ReadLineAsync(), await asker.ReadLineAsync(), await asker.ReadLineAsync() };
        Assert.All(days, d => Assert.Matches(@"^\w{3} \d{4}-\d{2}-\d{2}: high -?\d+°F \(-?\d+°C\), low -?\d+°F \(-?\d+°C\)$", d));
        Assert.Single(openMeteo.ForecastQueries);

        // Nobody else saw it: the next thing the other member receives is the asker's next message.
        await asker.SendAsync("asker: after\n");
        Assert.Equal("asker: after", await other.ReadLineAsync());
    }

    [Fact]
    public async Task SlashWeatherAndRegisteredClientsWorkToo()
    {
        await using var openMeteo = await FakeOpenMeteoServer.StartAsync();
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Parley:Weather:BaseUrl"] = openMeteo.BaseUrl.ToString(),
        });
        await using var reg = await RawClient.ConnectAsync(server.Text);
        await reg.SendAsync("REGISTER wanda CHAT/1.0\n");
        Assert.Equal("200 Registration successful", await reg.ReadLineAsync());
        await reg.SendAsync("@wanda: /weather\n");
        Assert.StartsWith("Weather for Kansas City", await reg.ReadLineUntilAsync(l => l.StartsWith("Weather", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnreachableServiceFallsBackToNormalsAndSaysSo()
    {
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Parley:Weather:BaseUrl"] = "http://127.0.0.1:1",
        });
        await using var asker = await Join(server, "norma\n");
        await asker.SendAsync("weather\n");
        var heading = await asker.ReadLineAsync(TimeSpan.FromSeconds(20));
        Assert.Contains("climate normals", heading, StringComparison.Ordinal);
        Assert.Contains("not a forecast", heading, StringComparison.Ordinal);
        Assert.Matches(@"high \d+°F", await asker.ReadLineAsync());
    }

    [Fact]
    public async Task WeatherOffMakesTheWordAnOrdinaryMessage()
    {
        await using var server = await TestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Parley:Hub:WeatherEnabled"] = "false",
        });
        await using var asker = await Join(server, "plain\n");
        await using var other = await Join(server, "hearer\n");
        await asker.SendAsync("weather\n");
        Assert.Equal("plain: weather", await other.ReadLineAsync());
    }

    private static async Task<RawClient> Join(TestServer server, string nickLine)
    {
        var client = await RawClient.ConnectAsync(server.Text);
        Assert.Equal("NICK", await client.ReceiveAsync());
        await client.SendAsync(nickLine);
        await client.ReadLineUntilAsync(l => l == "Connected to server!");
        return client;
    }
}
