namespace Parley.Server.Weather;

/// <summary>A place the geocoder resolved, with a display name such as "Paris, Île-de-France, France".</summary>
internal sealed record GeocodedPlace(string DisplayName, double Latitude, double Longitude);
