namespace Parley.Server.Weather;

/// <summary>Settings for the weather command. Every value has a finite default; <see cref="Validate"/> runs at
/// start-up so a bad setting stops the server instead of failing the first /weather.</summary>
public sealed record WeatherOptions
{
    /// <summary>Open-Meteo serves at most 16 forecast days.</summary>
    public const int MaxDays = 16;

    /// <summary>The place answered when /weather has no argument.</summary>
    public string Location { get; init; } = "Kansas City";

    /// <summary>Scheme, host and port of the forecast API; requests go to <c>/v1/forecast</c> under it.</summary>
    public Uri BaseUrl { get; init; } = new("https://api.open-meteo.com");

    /// <summary>Scheme, host and port of the geocoding API; requests go to <c>/v1/search</c> under it.</summary>
    public Uri GeocodingUrl { get; init; } = new("https://geocoding-api.open-meteo.com");

    /// <summary>Per HTTP call. Short, because a chat user is waiting for the answer.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How long a forecast for one place is reused before the service is asked again.</summary>
    public TimeSpan CacheDuration { get; init; } = TimeSpan.FromMinutes(10);

    public int Days { get; init; } = 3;

    /// <summary>The problems with these settings, or an empty list.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Location))
        {
            errors.Add("Weather:Location must not be empty.");
        }

        CheckServiceUrl(BaseUrl, nameof(BaseUrl), errors);
        CheckServiceUrl(GeocodingUrl, nameof(GeocodingUrl), errors);
        if (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromMinutes(1))
        {
            errors.Add("Weather:Timeout must be greater than zero and at most one minute.");
        }

        if (CacheDuration < TimeSpan.Zero || CacheDuration > TimeSpan.FromDays(1))
        {
            errors.Add("Weather:CacheDuration must be between zero and one day.");
        }

        if (Days is < 1 or > MaxDays)
        {
            errors.Add($"Weather:Days must be between 1 and {MaxDays}.");
        }

        return errors;
    }

    /// <summary>Throws <see cref="ArgumentException"/> listing every problem.</summary>
    public void EnsureValid()
    {
        var errors = Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid weather settings: " + string.Join(" ", errors));
        }
    }

    // Only scheme, host and port: a path here would be silently replaced by /v1/... and surprise whoever set it.
    private static void CheckServiceUrl(Uri? url, string name, List<string> errors)
    {
        if (url is null || !url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add($"Weather:{name} must be an absolute http or https URL.");
        }
        else if (url.AbsolutePath != "/" || url.Query.Length > 0)
        {
            errors.Add($"Weather:{name} must hold only scheme, host and port (no path or query).");
        }
    }
}
