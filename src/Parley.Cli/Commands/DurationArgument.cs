using System.Globalization;

namespace Parley.Cli.Commands;

/// <summary>Durations on the command line: "30d", "12h", "90m", "45s", "0" (no limit), or a TimeSpan ("1.12:00:00").</summary>
internal static class DurationArgument
{
    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        var unit = text[^1];
        var scale = unit switch
        {
            'd' => TimeSpan.FromDays(1),
            'h' => TimeSpan.FromHours(1),
            'm' => TimeSpan.FromMinutes(1),
            's' => TimeSpan.FromSeconds(1),
            _ => TimeSpan.Zero,
        };
        if (scale == TimeSpan.Zero)
        {
            return text == "0"
                || TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out duration);
        }

        if (!double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var count) || count < 0)
        {
            return false;
        }

        duration = scale * count;
        return true;
    }
}
