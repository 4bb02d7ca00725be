namespace Parley.Server.Weather;

/// <summary>The default place, known without a geocoding call.</summary>
internal static class KansasCity
{
    public const string DisplayName = "Kansas City, Missouri";

    // Kansas City, Missouri (city centre), WGS84.
    public const double Latitude = 39.0997;
    public const double Longitude = -94.5786;

    private static readonly HashSet<string> Qualifiers = new(StringComparer.OrdinalIgnoreCase)
    {
        "mo", "missouri", "us", "usa", "united states",
    };

    /// <summary>"Kansas City", "kansas city, MO", "Kansas City, Missouri, USA"... but not "Kansas City, KS",
    /// which is a different city and goes to the geocoder.</summary>
    public static bool Matches(string place)
    {
        var parts = place.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            return false;
        }

        var head = parts[0];
        if (head.EndsWith(" mo", StringComparison.OrdinalIgnoreCase))
        {
            head = head[..^3].TrimEnd();
        }

        if (!string.Equals(string.Join(' ', head.Split(' ', StringSplitOptions.RemoveEmptyEntries)), "kansas city", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        for (var i = 1; i < parts.Length; i++)
        {
            if (!Qualifiers.Contains(parts[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Today's date in Kansas City (US Central time), which picks the month for the normals.</summary>
    public static DateOnly Today(DateTimeOffset utcNow)
    {
        var local = TimeZoneInfo.TryFindSystemTimeZoneById("America/Chicago", out var zone)
            ? TimeZoneInfo.ConvertTime(utcNow, zone)
            : utcNow.ToOffset(TimeSpan.FromHours(-6)); // No tz database on this host: Central Standard Time is close enough for a month.
        return DateOnly.FromDateTime(local.DateTime);
    }
}
