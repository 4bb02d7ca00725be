namespace Parley.Server.Weather;

/// <summary>NOAA 1991–2020 monthly climate normals for Kansas City: mean daily maximum and minimum temperature, °F.
/// Station: Kansas City International Airport (KMCI; GHCN-Daily USW00003947), the official Kansas City record.
/// Source: NOAA NCEI U.S. Climate Normals 1991–2020, https://www.ncei.noaa.gov/products/land-based-station/us-climate-normals
/// (also in NWS Kansas City/Pleasant Hill NOWData, https://www.weather.gov/wrh/climate?wfo=eax).</summary>
/// <remarks>The figures are NOT filled in yet: the reference material available when this was written did not
/// hold the 1991–2020 table for this station, and we do not guess numbers people may plan around. Until the
/// twelve months are entered below (January first), <see cref="IsAvailable"/> is false and the service answers
/// "unavailable" for Kansas City too instead of showing normals.</remarks>
public static class KansasCityClimateNormals
{
    public const string Description = "NOAA 1991–2020 climate normals, Kansas City International Airport";

    // TODO(lead): enter the 12 NOAA 1991–2020 monthly normals (mean daily max, mean daily min, °F) for KMCI, e.g.
    // new(1, <Jan max>, <Jan min>), ... new(12, <Dec max>, <Dec min>). KansasCityClimateNormalsTests then un-skip.
    private static readonly MonthlyNormal[] MonthTable = [];

    /// <summary>True once all twelve months are on file.</summary>
    public static bool IsAvailable => MonthTable.Length == 12;

    /// <summary>January first; empty while the figures are pending.</summary>
    public static IReadOnlyList<MonthlyNormal> Months => MonthTable;
}
