using Microsoft.Extensions.DependencyInjection;

using Parley.Core.Weather;
using Parley.Server.Weather;

namespace Parley.Server.Tests.Weather;

public sealed class WeatherServiceCollectionExtensionsTests
{
    [Fact]
    public void Registers_a_singleton_weather_service_with_the_options_and_a_clock()
    {
        var options = new WeatherOptions { Location = "Kansas City, MO" };
        using var provider = new ServiceCollection().AddLogging().AddParleyWeather(options).BuildServiceProvider();

        var service = provider.GetRequiredService<IWeatherService>();

        Assert.IsType<OpenMeteoWeatherService>(service);
        Assert.Same(service, provider.GetRequiredService<IWeatherService>());
        Assert.Same(options, provider.GetRequiredService<WeatherOptions>());
        Assert.Same(TimeProvider.System, provider.GetRequiredService<TimeProvider>());
        Assert.Equal("Kansas City, MO", service.DefaultPlace);
        Assert.Equal(options.Timeout, provider.GetRequiredService<IHttpClientFactory>().CreateClient(WeatherServiceCollectionExtensions.HttpClientName).Timeout);
    }

    [Fact]
    public void Keeps_a_clock_registered_earlier()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UnixEpoch);
        var services = new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(clock);

        using var provider = services.AddParleyWeather(new WeatherOptions()).BuildServiceProvider();

        Assert.Same(clock, provider.GetRequiredService<TimeProvider>());
    }

    [Fact]
    public void Refuses_invalid_settings_at_registration()
    {
        Assert.Throws<ArgumentException>(() => new ServiceCollection().AddParleyWeather(new WeatherOptions { Days = 0 }));
    }
}
