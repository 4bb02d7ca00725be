namespace Parley.Core.Weather;

public enum WeatherSource
{
    /// <summary>A forecast from the weather service.</summary>
    Forecast = 0,

    /// <summary>Monthly climate normals (long-term averages), because the service could not be reached.</summary>
    ClimateNormals = 1,

    /// <summary>Nothing to say: unknown place, or no service and no normals for it.</summary>
    Unavailable = 2,
}
