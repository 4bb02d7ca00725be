using System.CommandLine;
using System.Globalization;

using Parley.Client.Connections;
using Parley.Client.Terminal;

namespace Parley.Cli.Commands;

/// <summary>
/// `parley client [HOST:PORT] --name NAME [--protocol json|text] [--listen PORT]`: wiring only; the behaviour
/// lives in Parley.Client.Terminal.
/// </summary>
internal static class ClientCommand
{
    public static Command Create()
    {
        var endpoint = new Argument<string?>("endpoint")
        {
            Description = $"Server address: HOST:PORT, [IPv6]:PORT or just PORT (default {ChatEndpoint.DefaultHost}:{ChatEndpoint.DefaultJsonPort} for json, :{ChatEndpoint.DefaultPort} for text).",
            Arity = ArgumentArity.ZeroOrOne,
        };
        endpoint.Validators.Add(result =>
        {
            if (!ChatEndpoint.TryParse(result.GetValueOrDefault<string?>(), out _, out var error))
            {
                result.AddError(error);
            }
        });
        var name = new Option<string?>("--name", "-n") { Description = "Your nickname; asked for when missing on a terminal, required in script mode." };
        var protocol = new Option<string>("--protocol") { Description = "Wire format to speak: json (rooms, port 5001) or text (port 5000).", DefaultValueFactory = _ => "json" };
        protocol.AcceptOnlyFromAmong("json", "text");
        var listen = new Option<int?>("--listen")
        {
            HelpName = "PORT",
            Description = "chat5.py mode (json only): listen on this port, subscribe with it, and show deliveries; 0 picks a port.",
        };
        listen.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 0 or > 65535)
            {
                result.AddError("--listen must be a port from 0 to 65535");
            }
        });
        var listenHost = new Option<string>("--listen-host")
        {
            HelpName = "ADDRESS",
            Description = "Address to listen on with --listen (default 127.0.0.1: only this machine can reach it).",
            DefaultValueFactory = _ => "127.0.0.1",
        };
        var linger = new Option<double>("--linger")
        {
            Description = string.Create(CultureInfo.InvariantCulture, $"Script mode: seconds to keep reading after stdin ends once nothing arrives (max {ClientOptions.MaxLinger.TotalSeconds})."),
            DefaultValueFactory = _ => ClientOptions.DefaultLinger.TotalSeconds,
        };
        linger.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() is < 0 or double.NaN)
            {
                result.AddError("--linger must be zero or more seconds");
            }
        });
        var noColor = new Option<bool>("--no-color") { Description = "Plain output without colours." };
        var tls = new Option<bool>("--tls") { Description = "Speak TLS (the server's --json-tls-port or --text-tls-port); the certificate must be trusted." };
        var insecure = new Option<bool>("--insecure") { Description = "With --tls: accept any certificate, e.g. a self-signed one (encrypted, but not authenticated)." };

        var command = new Command("client", "Chat in a terminal; with stdin redirected, send each line and print what arrives (script mode).")
        {
            endpoint, name, protocol, listen, listenHost, linger, noColor, tls, insecure,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(listen) is not null && result.GetValue(protocol) == "text")
            {
                result.AddError("--listen needs the json protocol (the text dialect has no subscriptions)");
            }

            if (result.GetValue(insecure) && !result.GetValue(tls))
            {
                result.AddError("--insecure goes with --tls");
            }

            if (result.GetValue(tls) && result.GetValue(listen) is not null)
            {
                result.AddError("--tls does not work with --listen (deliveries to a listening client are plaintext)");
            }
        });
        command.SetAction((parse, cancellationToken) =>
        {
            var wire = parse.GetValue(protocol) == "text" ? ClientProtocol.Text : ClientProtocol.Json;
            var defaultPort = wire == ClientProtocol.Text ? ChatEndpoint.DefaultPort : ChatEndpoint.DefaultJsonPort;
            ChatEndpoint.TryParse(parse.GetValue(endpoint), defaultPort, out var target, out _);
            target = target with { Tls = parse.GetValue(tls), Insecure = parse.GetValue(insecure) };
            var lingerTime = TimeSpan.FromSeconds(Math.Min(parse.GetValue(linger), ClientOptions.MaxLinger.TotalSeconds));
            var options = new ClientOptions(target, parse.GetValue(name), lingerTime, parse.GetValue(noColor))
            {
                Protocol = wire,
                ListenPort = parse.GetValue(listen),
                ListenHost = parse.GetValue(listenHost)!,
            };
            return ClientRunner.RunAsync(options, cancellationToken);
        });
        return command;
    }
}
