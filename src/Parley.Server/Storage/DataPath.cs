namespace Parley.Server.Storage;

/// <summary>Where the database lives when --data names no file: $XDG_DATA_HOME/parley/parley.db when that variable
/// holds an absolute path (the XDG Base Directory rule), else ~/.local/share/parley/parley.db.</summary>
public static class DataPath
{
    public const string FileName = "parley.db";

    public static string Resolve(string? configured, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured == SqliteHistoryStore.Memory ? configured : Path.GetFullPath(configured);
        }

        var xdg = environment("XDG_DATA_HOME");
        if (!string.IsNullOrEmpty(xdg) && Path.IsPathRooted(xdg))
        {
            return Path.Combine(xdg, "parley", FileName);
        }

        var home = environment("HOME");
        if (string.IsNullOrEmpty(home))
        {
            home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        }

        return Path.Combine(home, ".local", "share", "parley", FileName);
    }
}
