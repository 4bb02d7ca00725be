namespace Parley.Core.Weather;

/// <summary>One day's expected high and low, in degrees Fahrenheit.</summary>
public sealed record WeatherDay(DateOnly Date, double HighF, double LowF)
{
    public double HighC => FahrenheitToCelsius(HighF);

    public double LowC => FahrenheitToCelsius(LowF);

    public static double FahrenheitToCelsius(double f) => (f - 32) * 5 / 9;

    public static double CelsiusToFahrenheit(double c) => (c * 9 / 5) + 32;
}
