using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;

using Microsoft.Extensions.Logging;

using Parley.Core.Text;
using Parley.Core.Weather;

namespace Parley.Server.Weather;

/// <summary>Forecasts from Open-Meteo (no key needed). Contract: never throws for an unreachable or misbehaving
/// service — it logs and falls back to Kansas City's climate normals, or to <see cref="WeatherSource.Unavailable"/>
/// for other places. It never invents numbers. Only the caller's own cancellation escapes as an exception.</summary>
public sealed partial class OpenMeteoWeatherService : IWeatherService
{
    /// <summary>Longer input is refused before any HTTP call; no real place name comes close.</summary>
    public const int MaxPlaceLength = 100;

    /// <summary>Bounds memory when users ask for many places; expired entries are dropped first.</summary>
    public const int MaxCachedPlaces = 1_000;

    private const string UnreachableNote = "The weather service is unreachable right now; please try again later.";

    private readonly HttpClient _httpClient;
    private readonly WeatherOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<OpenMeteoWeatherService> _logger;
    private readonly MonthlyNormal[] _kansasCityNormals;
    private readonly ConcurrentDictionary<string, CachedReport> _cache = new(StringComparer.Ordinal);

    public OpenMeteoWeatherService(HttpClient httpClient, WeatherOptions options, TimeProvider timeProvider, ILogger<OpenMeteoWeatherService> logger)
        : this(httpClient, options, timeProvider, logger, KansasCityClimateNormals.Months)
    {
    }

    /// <summary>For tests: the normals table is a seam so the fallback can be checked with any complete table.</summary>
    internal OpenMeteoWeatherService(
        HttpClient httpClient,
        WeatherOptions options,
        TimeProvider timeProvider,
        ILogger<OpenMeteoWeatherService> logger,
        IReadOnlyList<MonthlyNormal> kansasCityNormals)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(kansasCityNormals);
        options.EnsureValid();
        _httpClient = httpClient;
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
        _kansasCityNormals = OrderByMonth(kansasCityNormals);
    }

    public string DefaultPlace => _options.Location;

    public async Task<WeatherReport> GetForecastAsync(string? place, CancellationToken cancellationToken)
    {
        var requested = string.IsNullOrWhiteSpace(place) ? _options.Location : place.Trim();
        if (requested.Length > MaxPlaceLength)
        {
            return new WeatherReport(requested[..MaxPlaceLength] + "…", WeatherSource.Unavailable, [],
                $"Place names are limited to {MaxPlaceLength} characters.");
        }

        var isKansasCity = KansasCity.Matches(requested);
        var key = isKansasCity ? KansasCity.DisplayName.ToUpperInvariant() : requested.ToUpperInvariant();
        var now = _timeProvider.GetUtcNow();
        if (_cache.TryGetValue(key, out var cached) && now < cached.ExpiresAt)
        {
            LogCacheHit(requested);
            return cached.Report;
        }

        try
        {
            var target = isKansasCity
                ? new GeocodedPlace(KansasCity.DisplayName, KansasCity.Latitude, KansasCity.Longitude)
                : await GeocodeAsync(requested, cancellationToken).ConfigureAwait(false);
            if (target is null)
            {
                LogUnknownPlace(requested);
                return new WeatherReport(requested, WeatherSource.Unavailable, [], $"Unknown place: {Excerpt.Of(requested)}");
            }

            var days = await GetDaysAsync(target, cancellationToken).ConfigureAwait(false);
            var report = new WeatherReport(target.DisplayName, WeatherSource.Forecast, days);
            LogFetched(days.Count, target.DisplayName);
            Remember(key, report, now);
            return report;
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            LogTimedOut(exception, requested, _options.Timeout);
        }
        catch (HttpRequestException exception)
        {
            LogUnreachable(exception, requested);
        }
        catch (Exception exception) when (exception is OpenMeteoResponseException or JsonException)
        {
            LogBadResponse(exception, requested, exception.Message);
        }

        return Fallback(requested, isKansasCity);
    }

    private async Task<GeocodedPlace?> GeocodeAsync(string place, CancellationToken cancellationToken)
    {
        var uri = new Uri(_options.GeocodingUrl,
            $"/v1/search?name={Uri.EscapeDataString(place)}&count=1&language=en&format=json");
        using var document = await GetJsonAsync(uri, cancellationToken).ConfigureAwait(false);
        return OpenMeteoGeocodingParser.Parse(document.RootElement);
    }

    private async Task<IReadOnlyList<WeatherDay>> GetDaysAsync(GeocodedPlace place, CancellationToken cancellationToken)
    {
        var query = string.Create(CultureInfo.InvariantCulture,
            $"latitude={place.Latitude:0.####}&longitude={place.Longitude:0.####}"
            + $"&daily=temperature_2m_max,temperature_2m_min&temperature_unit=fahrenheit&timezone=auto&forecast_days={_options.Days}");
        using var document = await GetJsonAsync(new Uri(_options.BaseUrl, "/v1/forecast?" + query), cancellationToken).ConfigureAwait(false);
        return OpenMeteoForecastParser.Parse(document.RootElement, _options.Days);
    }

    // The timeout is per call and also enforced here, so it holds whatever HttpClient the host hands us.
    private async Task<JsonDocument> GetJsonAsync(Uri uri, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        using var response = await _httpClient.GetAsync(uri, timeout.Token).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new OpenMeteoResponseException($"HTTP {(int)response.StatusCode} from {uri.GetLeftPart(UriPartial.Path)}.");
        }

        var stream = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            return await JsonDocument.ParseAsync(stream, default, timeout.Token).ConfigureAwait(false);
        }
    }

    private WeatherReport Fallback(string requested, bool isKansasCity)
    {
        if (!isKansasCity || _kansasCityNormals.Length == 0)
        {
            return new WeatherReport(isKansasCity ? KansasCity.DisplayName : requested, WeatherSource.Unavailable, [], UnreachableNote);
        }

        LogServingNormals(KansasCity.DisplayName);
        var today = KansasCity.Today(_timeProvider.GetUtcNow());
        var days = new WeatherDay[_options.Days];
        for (var i = 0; i < days.Length; i++)
        {
            var date = today.AddDays(i);
            var normal = _kansasCityNormals[date.Month - 1];
            days[i] = new WeatherDay(date, normal.HighF, normal.LowF);
        }

        return new WeatherReport(KansasCity.DisplayName, WeatherSource.ClimateNormals, days, $"Source: {KansasCityClimateNormals.Description}.");
    }

    private void Remember(string key, WeatherReport report, DateTimeOffset now)
    {
        if (_options.CacheDuration <= TimeSpan.Zero)
        {
            return;
        }

        if (_cache.Count >= MaxCachedPlaces)
        {
            foreach (var entry in _cache)
            {
                if (entry.Value.ExpiresAt <= now)
                {
                    _cache.TryRemove(entry);
                }
            }

            if (_cache.Count >= MaxCachedPlaces)
            {
                _cache.Clear();
            }
        }

        _cache[key] = new CachedReport(report, now + _options.CacheDuration);
    }

    private static MonthlyNormal[] OrderByMonth(IReadOnlyList<MonthlyNormal> normals)
    {
        if (normals.Count == 0)
        {
            return [];
        }

        var ordered = new MonthlyNormal[12];
        foreach (var normal in normals)
        {
            if (normal.Month is < 1 or > 12 || ordered[normal.Month - 1] is not null)
            {
                throw new ArgumentException("Climate normals need each month 1-12 exactly once.", nameof(normals));
            }

            ordered[normal.Month - 1] = normal;
        }

        return ordered.Contains(null) ? throw new ArgumentException("Climate normals need all twelve months.", nameof(normals)) : ordered;
    }

    private readonly record struct CachedReport(WeatherReport Report, DateTimeOffset ExpiresAt);
}
