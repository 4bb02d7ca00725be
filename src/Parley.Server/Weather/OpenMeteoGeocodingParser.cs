using System.Text.Json;

namespace Parley.Server.Weather;

/// <summary>Reads an Open-Meteo <c>/v1/search</c> response (https://open-meteo.com/en/docs/geocoding-api).
/// Empty fields are omitted by the service, and so is <c>results</c> itself when nothing matched.</summary>
internal static class OpenMeteoGeocodingParser
{
    /// <summary>The first match, or null when the service found none.</summary>
    public static GeocodedPlace? Parse(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new OpenMeteoResponseException("The geocoding response is not a JSON object.");
        }

        if (!root.TryGetProperty("results", out var results))
        {
            return null;
        }

        if (results.ValueKind != JsonValueKind.Array)
        {
            throw new OpenMeteoResponseException("The geocoding results are not an array.");
        }

        if (results.GetArrayLength() == 0)
        {
            return null;
        }

        var first = results[0];
        if (first.ValueKind != JsonValueKind.Object
            || !TryGetNumber(first, "latitude", out var latitude) || latitude is < -90 or > 90
            || !TryGetNumber(first, "longitude", out var longitude) || longitude is < -180 or > 180
            || GetText(first, "name") is not { } name)
        {
            throw new OpenMeteoResponseException("The first geocoding result lacks a name or valid coordinates.");
        }

        var parts = new List<string>(3) { name };
        foreach (var key in (ReadOnlySpan<string>)["admin1", "country"])
        {
            if (GetText(first, key) is { } part && !parts.Contains(part, StringComparer.OrdinalIgnoreCase))
            {
                parts.Add(part);
            }
        }

        return new GeocodedPlace(string.Join(", ", parts), latitude, longitude);
    }

    private static bool TryGetNumber(JsonElement element, string name, out double value)
    {
        value = 0;
        return element.TryGetProperty(name, out var property)
            && property.ValueKind == JsonValueKind.Number
            && property.TryGetDouble(out value);
    }

    private static string? GetText(JsonElement element, string name)
    {
        return element.TryGetProperty(name, out var property) && property.ValueKind == JsonValueKind.String
            && !string.IsNullOrWhiteSpace(property.GetString())
            ? property.GetString()
            : null;
    }
}
