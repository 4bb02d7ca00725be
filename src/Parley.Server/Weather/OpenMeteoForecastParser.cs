using System.Globalization;
using System.Text.Json;

using Parley.Core.Weather;

namespace Parley.Server.Weather;

/// <summary>Reads the <c>daily</c> block of an Open-Meteo <c>/v1/forecast</c> response
/// (https://open-meteo.com/en/docs): parallel arrays <c>time</c>, <c>temperature_2m_max</c> and
/// <c>temperature_2m_min</c>, with their units in <c>daily_units</c>.</summary>
internal static class OpenMeteoForecastParser
{
    private const string MaxKey = "temperature_2m_max";
    private const string MinKey = "temperature_2m_min";

    /// <summary>Up to <paramref name="days"/> days. Days whose values are null are left out rather than
    /// guessed; a response with no usable day throws <see cref="OpenMeteoResponseException"/>.</summary>
    public static IReadOnlyList<WeatherDay> Parse(JsonElement root, int days)
    {
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("daily", out var daily) || daily.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("daily_units", out var units) || units.ValueKind != JsonValueKind.Object)
        {
            throw new OpenMeteoResponseException("The forecast has no daily or daily_units object.");
        }

        var toFahrenheitMax = ConverterFor(units, MaxKey);
        var toFahrenheitMin = ConverterFor(units, MinKey);
        var times = ArrayOf(daily, "time");
        var highs = ArrayOf(daily, MaxKey);
        var lows = ArrayOf(daily, MinKey);
        var count = times.GetArrayLength();
        if (highs.GetArrayLength() != count || lows.GetArrayLength() != count)
        {
            throw new OpenMeteoResponseException("The daily arrays differ in length.");
        }

        var result = new List<WeatherDay>(Math.Min(count, days));
        for (var i = 0; i < count && result.Count < days; i++)
        {
            var high = highs[i];
            var low = lows[i];
            if (high.ValueKind == JsonValueKind.Null || low.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            if (times[i].ValueKind != JsonValueKind.String
                || !DateOnly.TryParseExact(times[i].GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                || high.ValueKind != JsonValueKind.Number || low.ValueKind != JsonValueKind.Number)
            {
                throw new OpenMeteoResponseException($"Day {i} of the forecast is malformed.");
            }

            result.Add(new WeatherDay(date, toFahrenheitMax(high.GetDouble()), toFahrenheitMin(low.GetDouble())));
        }

        if (result.Count == 0)
        {
            throw new OpenMeteoResponseException("The forecast holds no day with both a high and a low.");
        }

        return result;
    }

    private static JsonElement ArrayOf(JsonElement daily, string name)
    {
        if (!daily.TryGetProperty(name, out var array) || array.ValueKind != JsonValueKind.Array)
        {
            throw new OpenMeteoResponseException($"The forecast has no daily.{name} array.");
        }

        return array;
    }

    // We ask for Fahrenheit, but honour what the response says it sent.
    private static Func<double, double> ConverterFor(JsonElement units, string name)
    {
        var unit = units.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        return unit switch
        {
            "°F" => static f => f,
            "°C" => WeatherDay.CelsiusToFahrenheit,
            _ => throw new OpenMeteoResponseException($"Unknown unit for daily.{name}: '{unit}'."),
        };
    }
}
