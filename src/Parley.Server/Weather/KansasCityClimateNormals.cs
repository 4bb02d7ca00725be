namespace Parley.Server.Weather;

/// <summary>
/// Kansas City's monthly climate normals: average daily high and low temperature, °F, January first.
/// Source: U.S. National Climatic Data Center (now NOAA NCEI), Asheville, North Carolina, as tabulated for
/// Kansas City in the reference material available to us; that copy does not state the averaging period.
/// </summary>
/// <remarks>
/// The issue allows NOAA 1991–2020 figures; we could not find that table for KMCI in the material we can read,
/// so we embed the NCDC figures we could read and cite, rather than numbers from memory. The answer names them
/// as climate normals (long-term averages), never as a forecast. Replace them with the 1991–2020 table
/// (NOAA NCEI U.S. Climate Normals, station USW00003947) when it is at hand, and update <see cref="Description"/>.
/// </remarks>
public static class KansasCityClimateNormals
{
    public const string Description = "U.S. National Climatic Data Center monthly normals for Kansas City";

    private static readonly MonthlyNormal[] MonthTable =
    [
        new(1, 41, 21),
        new(2, 43, 25),
        new(3, 54, 34),
        new(4, 66, 46),
        new(5, 75, 56),
        new(6, 84, 66),
        new(7, 90, 71),
        new(8, 88, 69),
        new(9, 80, 61),
        new(10, 69, 49),
        new(11, 54, 36),
        new(12, 42, 26),
    ];

    /// <summary>True once all twelve months are on file.</summary>
    public static bool IsAvailable => MonthTable.Length == 12;

    /// <summary>January first.</summary>
    public static IReadOnlyList<MonthlyNormal> Months => MonthTable;
}
