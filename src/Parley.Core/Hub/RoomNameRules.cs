namespace Parley.Core.Hub;

/// <summary>Room names: '#' then 1 or more letters, digits, '-', '_' or '.'; compared without regard to case.</summary>
public static class RoomNameRules
{
    public static bool IsValid(string? name, int maxLength)
    {
        if (string.IsNullOrEmpty(name) || name.Length < 2 || name.Length > maxLength || name[0] != '#')
        {
            return false;
        }

        for (var i = 1; i < name.Length; i++)
        {
            var c = name[i];
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Accepts "general" for "#general".</summary>
    public static string Normalize(string name) => name.StartsWith('#') ? name : "#" + name;
}
