namespace Parley.Client.Terminal;

/// <summary>Lines that end the session instead of being sent: the assignment's "Bye from Client", plus the usual ones.</summary>
public static class QuitWords
{
    public static bool IsQuit(string line)
    {
        var trimmed = line.Trim();
        return trimmed.Equals("Bye from Client", StringComparison.OrdinalIgnoreCase)
            || trimmed.Equals("exit", StringComparison.OrdinalIgnoreCase)
            || trimmed.Equals("/quit", StringComparison.OrdinalIgnoreCase);
    }
}
