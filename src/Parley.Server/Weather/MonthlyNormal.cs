namespace Parley.Server.Weather;

/// <summary>A calendar month's climate normals: mean daily maximum and minimum temperature, in °F.</summary>
public sealed record MonthlyNormal(int Month, double HighF, double LowF);
