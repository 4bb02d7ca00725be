using System.CommandLine;
using System.Globalization;

using Parley.Client.Connections;
using Parley.Client.Terminal;

namespace Parley.Cli.Commands;

/// <summary>`parley client [HOST:PORT] --name NAME`: wiring only; the behaviour lives in Parley.Client.Terminal.</summary>
internal static class ClientCommand
{
    public static Command Create()
    {
        var endpoint = new Argument<string?>("endpoint")
        {
            Description = $"Server address: HOST:PORT, [IPv6]:PORT or just PORT (default {ChatEndpoint.Default}).",
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
        var protocol = new Option<string>("--protocol") { Description = "Wire format to speak.", DefaultValueFactory = _ => "text" };
        protocol.AcceptOnlyFromAmong("text");
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

        var command = new Command("client", "Chat in a terminal; with stdin redirected, send each line and print what arrives (script mode).")
        {
            endpoint, name, protocol, linger, noColor,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            ChatEndpoint.TryParse(parse.GetValue(endpoint), out var target, out _);
            var lingerTime = TimeSpan.FromSeconds(Math.Min(parse.GetValue(linger), ClientOptions.MaxLinger.TotalSeconds));
            var options = new ClientOptions(target, parse.GetValue(name), lingerTime, parse.GetValue(noColor));
            return ClientRunner.RunAsync(options, cancellationToken);
        });
        return command;
    }
}
