using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

using Parley.Core.Weather;

namespace Parley.Server.Weather;

public static class WeatherServiceCollectionExtensions
{
    /// <summary>Name of the HttpClient the weather service uses.</summary>
    public const string HttpClientName = "Parley.Weather";

    /// <summary>A forecast is a few kilobytes; anything near this is not Open-Meteo.</summary>
    public const int MaxResponseBytes = 1024 * 1024;

    /// <summary>Registers <see cref="IWeatherService"/> (a singleton, so its cache is shared) backed by Open-Meteo.
    /// Throws <see cref="ArgumentException"/> at start-up for invalid settings.</summary>
    public static IServiceCollection AddParleyWeather(this IServiceCollection services, WeatherOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        options.EnsureValid();

        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);

        // The singleton keeps one HttpClient for its lifetime, so DNS changes are picked up by recycling pooled
        // connections rather than handlers (https://learn.microsoft.com/dotnet/fundamentals/networking/http/httpclient-guidelines).
        services.AddHttpClient(HttpClientName, client =>
            {
                client.Timeout = options.Timeout;
                client.MaxResponseContentBufferSize = MaxResponseBytes;
                client.DefaultRequestHeaders.UserAgent.ParseAdd("Parley-chat-server");
            })
            .ConfigurePrimaryHttpMessageHandler(static () => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .SetHandlerLifetime(System.Threading.Timeout.InfiniteTimeSpan);

        services.AddSingleton<IWeatherService>(static provider => new OpenMeteoWeatherService(
            provider.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName),
            provider.GetRequiredService<WeatherOptions>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<OpenMeteoWeatherService>>()));
        return services;
    }
}
