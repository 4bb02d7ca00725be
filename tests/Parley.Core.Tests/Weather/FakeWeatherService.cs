using Parley.Core.Weather;

namespace Parley.Core.Tests.Weather;

/// <summary>Records the places asked for and answers every request with <see cref="Report"/>.</summary>
public sealed class FakeWeatherService : IWeatherService
{
    private readonly List<string?> _calls = [];

    public string DefaultPlace => "Kansas City";

    public WeatherReport Report { get; set; } = new(
        "Kansas City",
        WeatherSource.Forecast,
        [new WeatherDay(new DateOnly(2026, 11, 22), 50, 32)]);

    public IReadOnlyList<string?> Calls => _calls;

    public Task<WeatherReport> GetForecastAsync(string? place, CancellationToken cancellationToken)
    {
        _calls.Add(place);
        return Task.FromResult(Report);
    }
}
