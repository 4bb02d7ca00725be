using System.Globalization;
using System.Text;

namespace Parley.Core.Weather;

/// <summary>What the weather command answers. <see cref="Note"/> explains a fallback or why nothing is known.</summary>
public sealed record WeatherReport(string Place, WeatherSource Source, IReadOnlyList<WeatherDay> Days, string? Note = null)
{
    /// <summary>The answer as chat text: a heading line, then one line per day.</summary>
    public string ToText()
    {
        var text = new StringBuilder();
        var heading = Source switch
        {
            WeatherSource.Forecast => $"Weather for {Place}, next {Days.Count} days (forecast):",
            WeatherSource.ClimateNormals => $"Weather for {Place}: the forecast service is unreachable, so these are climate normals (long-term averages), not a forecast:",
            _ => $"No weather for {Place}.",
        };
        text.Append(heading);
        foreach (var day in Days)
        {
            text.Append('\n').Append(CultureInfo.InvariantCulture,
                $"{day.Date:ddd yyyy-MM-dd}: high {day.HighF:0}°F ({day.HighC:0}°C), low {day.LowF:0}°F ({day.LowC:0}°C)");
        }

        if (!string.IsNullOrEmpty(Note))
        {
            text.Append('\n').Append(Note);
        }

        return text.ToString();
    }
}
