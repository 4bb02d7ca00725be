namespace Parley.Core.Weather;

/// <summary>Three-day forecasts. Implementations never throw for an unreachable service: they fall back to
/// what they honestly know and say so in <see cref="WeatherReport.Source"/>.</summary>
public interface IWeatherService
{
    /// <summary>The default place (Kansas City unless configured).</summary>
    string DefaultPlace { get; }

    Task<WeatherReport> GetForecastAsync(string? place, CancellationToken cancellationToken);
}
