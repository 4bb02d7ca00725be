using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging.Abstractions;

using Parley.Core.Weather;
using Parley.Server.Weather;

namespace Parley.Server.Tests.Weather;

public sealed class OpenMeteoWeatherServiceTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    // Synthetic table for exercising the fallback mechanism only: month M has high 100+M and low M, so a test can
    // tell which month was picked. These are not climate figures and never leave the tests.
    private static readonly MonthlyNormal[] TestNormals = [.. Enumerable.Range(1, 12).Select(static m => new MonthlyNormal(m, 100 + m, m))];

    // 2025-07-14 17:00 UTC is noon in Kansas City (CDT).
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2025, 7, 14, 17, 0, 0, TimeSpan.Zero));
    private FakeOpenMeteoServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeOpenMeteoServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Forecast_is_parsed_into_days_with_fahrenheit_and_derived_celsius()
    {
        using var http = new HttpClient();
        var report = await Service(http).GetForecastAsync(null, CancellationToken.None).WaitAsync(Deadline);

        Assert.Equal(WeatherSource.Forecast, report.Source);
        Assert.Equal("Kansas City, Missouri", report.Place);
        Assert.Null(report.Note);
        Assert.Equal([new DateOnly(2025, 7, 14), new DateOnly(2025, 7, 15), new DateOnly(2025, 7, 16)], report.Days.Select(d => d.Date));
        Assert.Equal([91.4, 88.0, 86.2], report.Days.Select(d => d.HighF));
        Assert.Equal([72.1, 70.5, 68.0], report.Days.Select(d => d.LowF));
        Assert.Equal(33.0, report.Days[0].HighC, precision: 6);
        Assert.Equal(20.0, report.Days[2].LowC, precision: 6);
    }

    [Fact]
    public async Task Forecast_request_carries_the_documented_parameters_and_skips_geocoding_for_Kansas_City()
    {
        using var http = new HttpClient();
        await Service(http).GetForecastAsync("Kansas City", CancellationToken.None).WaitAsync(Deadline);

        var query = QueryHelpers.ParseQuery(Assert.Single(_server.ForecastQueries));
        Assert.Equal("39.0997", query["latitude"]);
        Assert.Equal("-94.5786", query["longitude"]);
        Assert.Equal("temperature_2m_max,temperature_2m_min", query["daily"]);
        Assert.Equal("fahrenheit", query["temperature_unit"]);
        Assert.Equal("auto", query["timezone"]);
        Assert.Equal("3", query["forecast_days"]);
        Assert.Empty(_server.SearchQueries);
    }

    [Theory]
    [InlineData("kansas city")]
    [InlineData("KANSAS CITY")]
    [InlineData("Kansas City, MO")]
    [InlineData("Kansas City MO")]
    [InlineData("kansas  city, Missouri, USA")]
    public async Task Kansas_City_variants_use_the_embedded_coordinates(string place)
    {
        using var http = new HttpClient();
        var report = await Service(http).GetForecastAsync(place, CancellationToken.None).WaitAsync(Deadline);

        Assert.Equal(WeatherSource.Forecast, report.Source);
        Assert.Empty(_server.SearchQueries);
    }

    [Fact]
    public async Task Celsius_units_in_the_response_are_converted_to_fahrenheit()
    {
        _server.Forecast = static context => FakeOpenMeteoServer.JsonAsync(context, Fixtures.Read("forecast_celsius.json"));
        using var http = new HttpClient();
        var report = await Service(http).GetForecastAsync(null, CancellationToken.None).WaitAsync(Deadline);

        Assert.Equal(WeatherSource.Forecast, report.Source);
        Assert.Equal([86.0, 77.0, 68.0], report.Days.Select(d => Math.Round(d.HighF, 6)));
        Assert.Equal([68.0, 59.0, 50.0], report.Days.Select(d => Math.Round(d.LowF, 6)));
        Assert.Equal(30.0, report.Days[0].HighC, precision: 6);
    }

    [Fact]
    public async Task Forecast_is_cached_per_place_until_the_cache_duration_passes()
    {
        using var http = new HttpClient();
        var service = Service(http);

        await service.GetForecastAsync(null, CancellationToken.None).WaitAsync(Deadline);
        await service.GetForecastAsync("kansas city, mo", CancellationToken.None).WaitAsync(Deadline);
        Assert.Single(_server.ForecastQueries);

        _clock.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1));
        await service.GetForecastAsync(null, CancellationToken.None).WaitAsync(Deadline);
        Assert.Single(_server.ForecastQueries);

        _clock.Advance(TimeSpan.FromSeconds(1));
        var report = await service.GetForecastAsync(null, CancellationToken.None).WaitAsync(Deadline);
        Assert.Equal(2, _server.ForecastQueries.Count);
        Assert.Equal(WeatherSource.Forecast, report.Source);
    }

    [Fact]
    public async Task Unreachable_service_gives_Kansas_City_the_normals_of_each_days_month()
    {
        // 2025-01-31 18:00 UTC is noon on January 31 in Kansas City: the three days span January and February.
        var clock = new ManualTimeProvider(new DateTimeOffset(2025, 1, 31, 18, 0, 0, TimeSpan.Zero));
        using var http = new HttpClient();
        var service = new OpenMeteoWeatherService(http, Unreachable(), clock, NullLogger<OpenMeteoWeatherService>.Instance, TestNormals);

        var report = await service.GetForecastAsync(null, CancellationToken.None).WaitAsync(Deadline);

        Assert.Equal(WeatherSource.ClimateNormals, report.Source);
        Assert.Equal([new DateOnly(2025, 1, 31), new DateOnly(2025, 2, 1), new DateOnly(2025, 2, 2)], report.Days.Select(d => d.Date));
        Assert.Equal([101.0, 102.0, 102.0], report.Days.Select(d => d.HighF));
        Assert.Equal([1.0, 2.0, 2.0], report.Days.Select(d => d.LowF));
        Assert.Contains(KansasCityClimateNormals.Description, report.Note, StringComparison.Ordinal);
        Assert.Contains("climate normals", report.ToText());
    }

    [Fact]
    public async Task Unreachable_service_with_the_shipped_normals_table_never_invents_numbers()
    {
        using var http = new HttpClient();
        var service = new OpenMeteoWeatherService(http, Unreachable(), _clock, NullLogger<OpenMeteoWeatherService>.Instance);

        var report = await service.GetForecastAsync(null, CancellationToken.None).WaitAsync(Deadline);

        if (KansasCityClimateNormals.IsAvailable)
        {
            var july = KansasCityClimateNormals.Months[6];
            Assert.Equal(WeatherSource.ClimateNormals, report.Source);
            Assert.All(report.Days, d => Assert.Equal((july.HighF, july.LowF), (d.HighF, d.LowF)));
        }
        else
        {
            Assert.Equal(WeatherSource.Unavailable, report.Source);
            Assert.Empty(report.Days);
            Assert.Contains("unreachable", report.Note);
        }
    }

    [Fact]
    public async Task Unreachable_service_gives_other_places_unavailable_with_a_note()
    {
        using var http = new HttpClient();
        var service = new OpenMeteoWeatherService(http, Unreachable(), _clock, NullLogger<OpenMeteoWeatherService>.Instance, TestNormals);

        var report = await service.GetForecastAsync("Paris", CancellationToken.None).WaitAsync(Deadline);

        Assert.Equal(WeatherSource.Unavailable, report.Source);
        Assert.Equal("Paris", report.Place);
        Assert.Empty(report.Days);
        Assert.Contains("unreachable", report.Note);
    }

    public enum Misbehaviour
    {
        MalformedJson,
        TruncatedJson,
        ServerError,
        UnknownUnit,
        MissingDaily,
    }

    [Theory]
    [InlineData(Misbehaviour.MalformedJson)]
    [InlineData(Misbehaviour.TruncatedJson)]
    [InlineData(Misbehaviour.ServerError)]
    [InlineData(Misbehaviour.UnknownUnit)]
    [InlineData(Misbehaviour.MissingDaily)]
    public async Task A_misbehaving_service_falls_back_and_is_not_cached(Misbehaviour misbehaviour)
    {
        var good = Fixtures.Read("forecast_kansas_city_fahrenheit.json");
        _server.Forecast = misbehaviour switch
        {
            Misbehaviour.MalformedJson => context => FakeOpenMeteoServer.JsonAsync(context, "<html>rate limited</html>"),
            Misbehaviour.TruncatedJson => context => FakeOpenMeteoServer.JsonAsync(context, good[..(good.Length / 2)]),
            Misbehaviour.ServerError => static context =>
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return Task.CompletedTask;
            }
            ,
            Misbehaviour.UnknownUnit => context => FakeOpenMeteoServer.JsonAsync(context, good.Replace("\"°F\"", "\"K\"", StringComparison.Ordinal)),
            _ => static context => FakeOpenMeteoServer.JsonAsync(context, "{\"latitude\": 39.1}"),
        };
        using var http = new HttpClient();
        var service = Service(http);

        var report = await service.GetForecastAsync(null, CancellationToken.None).WaitAsync(Deadline);
        Assert.Equal(WeatherSource.ClimateNormals, report.Source);

        await service.GetForecastAsync(null, CancellationToken.None).WaitAsync(Deadline);
        Assert.Equal(2, _server.ForecastQueries.Count);
    }

    [Fact]
    public async Task A_service_slower_than_the_timeout_falls_back()
    {
        _server.Forecast = static async context =>
        {
            await Task.Delay(TimeSpan.FromSeconds(10), context.RequestAborted);
            await FakeOpenMeteoServer.JsonAsync(context, Fixtures.Read("forecast_kansas_city_fahrenheit.json"));
        };
        using var http = new HttpClient();
        var options = Options() with { Timeout = TimeSpan.FromMilliseconds(300) };
        var service = new OpenMeteoWeatherService(http, options, _clock, NullLogger<OpenMeteoWeatherService>.Instance, TestNormals);

        var report = await service.GetForecastAsync(null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(WeatherSource.ClimateNormals, report.Source);
    }

    [Fact]
    public async Task The_callers_cancellation_is_not_swallowed()
    {
        _server.Forecast = static async context => await Task.Delay(TimeSpan.FromSeconds(10), context.RequestAborted);
        using var http = new HttpClient();
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => Service(http).GetForecastAsync(null, cancellation.Token).WaitAsync(Deadline));
    }

    [Fact]
    public async Task An_unknown_place_is_unavailable_and_named_in_the_note()
    {
        using var http = new HttpClient();
        var report = await Service(http).GetForecastAsync("Atlantis", CancellationToken.None).WaitAsync(Deadline);

        Assert.Equal(WeatherSource.Unavailable, report.Source);
        Assert.Empty(report.Days);
        Assert.Equal("Unknown place: Atlantis", report.Note);
        Assert.Empty(_server.ForecastQueries);
    }

    [Fact]
    public async Task Another_place_is_geocoded_then_forecast_at_its_coordinates()
    {
        _server.Search = static context => FakeOpenMeteoServer.JsonAsync(context, Fixtures.Read("geocode_paris.json"));
        _server.Forecast = static context => FakeOpenMeteoServer.JsonAsync(context, Fixtures.Read("forecast_celsius.json"));
        using var http = new HttpClient();

        var report = await Service(http).GetForecastAsync("Paris", CancellationToken.None).WaitAsync(Deadline);

        Assert.Equal(WeatherSource.Forecast, report.Source);
        Assert.Equal("Paris, Île-de-France, France", report.Place);
        Assert.Equal(3, report.Days.Count);
        var search = QueryHelpers.ParseQuery(Assert.Single(_server.SearchQueries));
        Assert.Equal("Paris", search["name"]);
        Assert.Equal("1", search["count"]);
        Assert.Equal("en", search["language"]);
        Assert.Equal("json", search["format"]);
        var forecast = QueryHelpers.ParseQuery(Assert.Single(_server.ForecastQueries));
        Assert.Equal("48.8534", forecast["latitude"]);
        Assert.Equal("2.3488", forecast["longitude"]);
    }

    [Fact]
    public async Task A_place_name_with_reserved_characters_is_escaped()
    {
        using var http = new HttpClient();
        await Service(http).GetForecastAsync("Saint-Denis & co?x=1", CancellationToken.None).WaitAsync(Deadline);

        var search = QueryHelpers.ParseQuery(Assert.Single(_server.SearchQueries));
        Assert.Equal("Saint-Denis & co?x=1", search["name"]);
        Assert.False(search.ContainsKey("x"));
    }

    private OpenMeteoWeatherService Service(HttpClient http)
    {
        return new OpenMeteoWeatherService(http, Options(), _clock, NullLogger<OpenMeteoWeatherService>.Instance, TestNormals);
    }

    private WeatherOptions Options()
    {
        return new WeatherOptions { BaseUrl = _server.BaseUrl, GeocodingUrl = _server.BaseUrl, Timeout = TimeSpan.FromSeconds(5) };
    }

    // Port 1 (tcpmux) is not served on a test machine: the connection is refused at once.
    private static WeatherOptions Unreachable()
    {
        var nowhere = new Uri("http://127.0.0.1:1");
        return new WeatherOptions { BaseUrl = nowhere, GeocodingUrl = nowhere, Timeout = TimeSpan.FromSeconds(5) };
    }
}
