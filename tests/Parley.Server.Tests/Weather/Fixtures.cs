namespace Parley.Server.Tests.Weather;

/// <summary>Recorded Open-Meteo responses under Weather/Fixtures. They follow the documented response shapes
/// (https://open-meteo.com/en/docs and https://open-meteo.com/en/docs/geocoding-api): forecast with latitude,
/// longitude, generationtime_ms, utc_offset_seconds, timezone, timezone_abbreviation, elevation, daily_units and
/// daily; geocoding with results[] (omitted entirely when nothing matches).</summary>
internal static class Fixtures
{
    public static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Weather", "Fixtures", name));
}
