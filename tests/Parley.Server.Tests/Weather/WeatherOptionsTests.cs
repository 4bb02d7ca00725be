using Parley.Server.Weather;

namespace Parley.Server.Tests.Weather;

public sealed class WeatherOptionsTests
{
    [Fact]
    public void Defaults_are_valid_and_finite()
    {
        var options = new WeatherOptions();

        Assert.Empty(options.Validate());
        Assert.Equal("Kansas City", options.Location);
        Assert.Equal(new Uri("https://api.open-meteo.com"), options.BaseUrl);
        Assert.Equal(new Uri("https://geocoding-api.open-meteo.com"), options.GeocodingUrl);
        Assert.Equal(TimeSpan.FromSeconds(3), options.Timeout);
        Assert.Equal(TimeSpan.FromMinutes(10), options.CacheDuration);
        Assert.Equal(3, options.Days);
    }

    public static TheoryData<WeatherOptions> Invalid => new()
    {
        new WeatherOptions { Location = " " },
        new WeatherOptions { BaseUrl = new Uri("ftp://example.com") },
        new WeatherOptions { BaseUrl = new Uri("https://example.com/v1/forecast") },
        new WeatherOptions { GeocodingUrl = new Uri("https://example.com/?q=1") },
        new WeatherOptions { Timeout = TimeSpan.Zero },
        new WeatherOptions { Timeout = TimeSpan.FromHours(1) },
        new WeatherOptions { CacheDuration = TimeSpan.FromSeconds(-1) },
        new WeatherOptions { Days = 0 },
        new WeatherOptions { Days = WeatherOptions.MaxDays + 1 },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Invalid_settings_are_reported_and_refused(WeatherOptions options)
    {
        Assert.NotEmpty(options.Validate());
        Assert.Throws<ArgumentException>(options.EnsureValid);
    }
}
