using System.Globalization;

namespace Parley.Client.Bench;

/// <summary>
/// Reads a process's CPU time from <c>/proc/PID/stat</c> and its resident set from <c>/proc/PID/status</c>
/// (Linux only; elsewhere, or for a process that is gone, <see cref="TryRead"/> says false).
/// </summary>
public static class ProcStats
{
    // USER_HZ: the unit of utime/stime in /proc/PID/stat; 100 on every Linux architecture .NET runs on.
    private const double TicksPerSecond = 100;

    public static bool TryRead(int pid, out ProcessSample sample)
    {
        sample = default;
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var status = File.ReadAllText($"/proc/{pid}/status");
            if (TryParseCpuSeconds(stat, out var cpu) && TryParseRssKiB(status, out var rss))
            {
                sample = new ProcessSample(cpu, rss);
                return true;
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return false;
    }

    /// <summary>utime + stime (fields 14 and 15) of a /proc/PID/stat line, in seconds. The command name (field 2)
    /// is in parentheses and may itself contain spaces and parentheses, so fields are counted after the last ')'.</summary>
    public static bool TryParseCpuSeconds(string stat, out double seconds)
    {
        seconds = 0;
        var close = stat.LastIndexOf(')');
        if (close < 0)
        {
            return false;
        }

        // After ")": field 3 (state) is the first; utime is field 14, stime field 15.
        var fields = stat[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        const int utime = 14 - 3;
        const int stime = 15 - 3;
        if (fields.Length <= stime
            || !long.TryParse(fields[utime], NumberStyles.None, CultureInfo.InvariantCulture, out var user)
            || !long.TryParse(fields[stime], NumberStyles.None, CultureInfo.InvariantCulture, out var system))
        {
            return false;
        }

        seconds = (user + system) / TicksPerSecond;
        return true;
    }

    /// <summary>The <c>VmRSS:   12345 kB</c> line of /proc/PID/status, in KiB.</summary>
    public static bool TryParseRssKiB(string status, out long kib)
    {
        kib = 0;
        foreach (var line in status.Split('\n'))
        {
            if (!line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                continue;
            }

            var value = line["VmRSS:".Length..].Trim();
            var space = value.IndexOf(' ', StringComparison.Ordinal);
            return long.TryParse(space < 0 ? value : value[..space], NumberStyles.None, CultureInfo.InvariantCulture, out kib);
        }

        return false;
    }
}
