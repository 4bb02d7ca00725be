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
        var httpPort = new Option<int?>("--http-port") { Description = "Port of the web chat page, /ws, /healthz, /readyz and /metrics (default 8080; 0 picks a free port)." };
        var metricsHost = new Option<string>("--metrics-host") { Description = "Serve /metrics only on this address (port --metrics-port), not on the HTTP port." };
        var metricsPort = new Option<int?>("--metrics-port") { Description = "Port of the metrics listener with --metrics-host (default 9464; 0 picks a free port)." };
        var allowedOrigins = new Option<string[]>("--allowed-origins")
        {
            Description = "Web origins (https://chat.example.org) whose pages may use /ws besides the server's own; * allows any.",
            AllowMultipleArgumentsPerToken = true,
        };
        var quiet = new Option<bool>("--quiet") { Description = "No console line per chat message (arrivals, departures and errors are still shown)." };
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
        var data = new Option<string>("--data")
        {
            Description = "SQLite file for history (default $XDG_DATA_HOME/parley/parley.db, else ~/.local/share/parley/parley.db; :memory: keeps nothing).",
        };
        var postgres = new Option<string>("--postgres")
        {
            Description = "PostgreSQL connection string (\"Host=...;Database=...;Username=...;Password=...\"): history and accounts there instead of SQLite, and every node on the same database is one chat.",
        };
        var noHistory = new Option<bool>("--no-history") { Description = "Store nothing and replay nothing." };
        var historyReplay = new Option<int?>("--history-replay") { Description = "Messages shown on joining a room (default 50; 0 for none)." };
        var historyMaxAge = new Option<string>("--history-max-age") { Description = "Delete messages older than this: 30d (default), 12h, 90m, or 0 to keep them." };
        historyMaxAge.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && !DurationArgument.TryParse(result.Tokens[0].Value, out _))
            {
                result.AddError("--history-max-age takes a duration such as 30d, 12h, 90m, 45s or 0.");
            }
        });
        var historyMaxPerRoom = new Option<int?>("--history-max-per-room") { Description = "Newest messages kept per room (default 100000; 0 for no cap)." };
        var tlsCert = new Option<string>("--tls-cert") { Description = "PEM certificate file: turns on the TLS listeners (with --tls-key); reloaded when it changes." };
        var tlsKey = new Option<string>("--tls-key") { Description = "PEM private key file of --tls-cert." };
        var textTlsPort = new Option<int?>("--text-tls-port") { Description = "Port of the text listener over TLS (default 5010; -1 turns it off)." };
        var jsonTlsPort = new Option<int?>("--json-tls-port") { Description = "Port of the JSON-lines listener over TLS (default 5011; -1 turns it off)." };
        var ircTlsPort = new Option<int?>("--irc-tls-port") { Description = "Port of the IRC listener over TLS, with SASL (default 6697; -1 turns it off)." };
        var httpsPort = new Option<int?>("--https-port") { Description = "Port of the web page and /ws over HTTPS/WSS (default 8443; -1 turns it off)." };
        var operators = new Option<string[]>("--operator")
        {
            Description = "An account that is operator of every room it is in once logged in (repeat for several).",
            AllowMultipleArgumentsPerToken = true,
        };
        var renameGrace = new Option<string>("--rename-grace") { Description = "How long a guest may hold a registered nickname before it is renamed: 60s (default), 2m." };
        renameGrace.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && (!DurationArgument.TryParse(result.Tokens[0].Value, out var grace) || grace <= TimeSpan.Zero))
            {
                result.AddError("--rename-grace takes a duration such as 60s or 2m.");
            }
        });
        var command = new Command("server", "Run the chat server (Ctrl+C stops it and tells every client).")
        {
            host, textPort, jsonPort, ircPort, httpPort, metricsHost, metricsPort, allowedOrigins, quiet, echo, weather, weatherLocation, weatherUrl, subscribeDial,
            data, postgres, noHistory, historyReplay, historyMaxAge, historyMaxPerRoom,
            tlsCert, tlsKey, textTlsPort, jsonTlsPort, ircTlsPort, httpsPort, operators, renameGrace,
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
            Set("Parley:Server:HttpPort", parse.GetValue(httpPort));
            Set("Parley:Server:MetricsHost", parse.GetValue(metricsHost));
            Set("Parley:Server:MetricsPort", parse.GetValue(metricsPort));
            var origins = parse.GetValue(allowedOrigins) ?? [];
            for (var i = 0; i < origins.Length; i++)
            {
                Set($"Parley:Server:AllowedOrigins:{i}", origins[i]);
            }

            Set("Parley:Hub:LogMessages", parse.GetValue(quiet) ? false : null);
            Set("Parley:Hub:Echo", parse.GetValue(echo) ? true : null);
            Set("Parley:Hub:WeatherEnabled", parse.GetValue(weather) is { } w ? w == "on" : null);
            Set("Parley:Weather:Location", parse.GetValue(weatherLocation));
            Set("Parley:Weather:BaseUrl", parse.GetValue(weatherUrl));
            Set("Parley:Server:SubscribeDial", parse.GetValue(subscribeDial));
            Set("Parley:History:Data", parse.GetValue(data));
            Set("Parley:Server:Postgres", parse.GetValue(postgres));
            Set("Parley:History:Enabled", parse.GetValue(noHistory) ? false : null);
            Set("Parley:History:Replay", parse.GetValue(historyReplay));
            Set("Parley:History:MaxAge", parse.GetValue(historyMaxAge) is { } age && DurationArgument.TryParse(age, out var maxAge) ? maxAge : null);
            Set("Parley:History:MaxMessagesPerRoom", parse.GetValue(historyMaxPerRoom));
            Set("Parley:Tls:Certificate", parse.GetValue(tlsCert));
            Set("Parley:Tls:Key", parse.GetValue(tlsKey));
            Set("Parley:Tls:TextPort", parse.GetValue(textTlsPort));
            Set("Parley:Tls:JsonPort", parse.GetValue(jsonTlsPort));
            Set("Parley:Tls:IrcPort", parse.GetValue(ircTlsPort));
            Set("Parley:Tls:HttpsPort", parse.GetValue(httpsPort));
            var accountOperators = parse.GetValue(operators) ?? [];
            for (var i = 0; i < accountOperators.Length; i++)
            {
                Set($"Parley:Accounts:Operators:{i}", accountOperators[i]);
            }

            Set("Parley:Accounts:RenameGrace", parse.GetValue(renameGrace) is { } g && DurationArgument.TryParse(g, out var grace) ? grace : null);
            return await ServerRunner.RunAsync(settings, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }
}
