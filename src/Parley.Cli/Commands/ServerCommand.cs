using System.CommandLine;

using Parley.Server.Hosting;

namespace Parley.Cli.Commands;

/// <summary>`parley server`: options map onto configuration keys, so appsettings.json, environment variables
/// (Parley__Server__TextPort=...) and the command line all set the same settings; the command line wins.</summary>
internal static class ServerCommand
{
    public static Command Create()
    {
        var host = new Option<string>("--host") { Description = "Address to bind every listener to (default 127.0.0.1)." };
        var textPort = new Option<int?>("--text-port") { Description = "Port of the text listener (default 5000; 0 picks a free port)." };
        var jsonPort = new Option<int?>("--json-port") { Description = "Port of the JSON-lines listener (default 5001; 0 picks a free port)." };
        var ircPort = new Option<int?>("--irc-port") { Description = "Port of the IRC listener (default 6667; 0 picks a free port)." };
        var echo = new Option<bool>("--echo") { Description = "Send each room message back to its sender too." };
        var weather = new Option<string>("--weather") { Description = "on (default) or off: whether `weather` and /weather are commands." };
        weather.AcceptOnlyFromAmong("on", "off");
        var weatherLocation = new Option<string>("--weather-location") { Description = "Default place for weather (default Kansas City)." };
        var weatherUrl = new Option<string>("--weather-url") { Description = "Base URL of the Open-Meteo forecast service (default https://api.open-meteo.com)." };
        var subscribeDial = new Option<string>("--subscribe-dial")
        {
            Description = "Whom the server may connect to for subscribers: off, same-ip (default: only the address the subscriber connects from) or any.",
        };
        subscribeDial.AcceptOnlyFromAmong("off", "same-ip", "any");
        var command = new Command("server", "Run the chat server (Ctrl+C stops it and tells every client).")
        {
            host, textPort, jsonPort, ircPort, echo, weather, weatherLocation, weatherUrl, subscribeDial,
        };

        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = new Dictionary<string, string?>();
            void Set(string key, object? value)
            {
                if (value is not null)
                {
                    settings[key] = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);
                }
            }

            Set("Parley:Server:Host", parse.GetValue(host));
            Set("Parley:Server:TextPort", parse.GetValue(textPort));
            Set("Parley:Server:JsonPort", parse.GetValue(jsonPort));
            Set("Parley:Server:IrcPort", parse.GetValue(ircPort));
            Set("Parley:Hub:Echo", parse.GetValue(echo) ? true : null);
            Set("Parley:Hub:WeatherEnabled", parse.GetValue(weather) is { } w ? w == "on" : null);
            Set("Parley:Weather:Location", parse.GetValue(weatherLocation));
            Set("Parley:Weather:BaseUrl", parse.GetValue(weatherUrl));
            Set("Parley:Server:SubscribeDial", parse.GetValue(subscribeDial));
            return await ServerRunner.RunAsync(settings, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }
}
