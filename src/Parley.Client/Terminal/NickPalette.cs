namespace Parley.Client.Terminal;

/// <summary>
/// A stable colour per nickname: FNV-1a over the lower-cased nick, because <see cref="string.GetHashCode()"/>
/// is randomised per process and would repaint everyone on every start.
/// </summary>
public static class NickPalette
{
    private static readonly string[] Colours =
    [
        "aqua", "green", "yellow", "fuchsia", "dodgerblue1", "orange1",
        "springgreen1", "deeppink1", "mediumpurple", "gold1", "skyblue1", "salmon1",
    ];

    public static string ColourFor(string nick)
    {
        uint hash = 2166136261;
        foreach (var c in nick)
        {
            hash = (hash ^ char.ToLowerInvariant(c)) * 16777619;
        }

        return Colours[hash % (uint)Colours.Length];
    }
}
