using System.CommandLine;

using Parley.Client.Bench;
using Parley.Client.Connections;


namespace Parley.Cli.Commands;

/// <summary>
/// `parley bench HOST:PORT --proto text|json|irc --clients N --senders S --rate R --seconds T ...`: wiring only;
/// the load generator lives in Parley.Client.Bench.
/// </summary>
internal static class BenchCommand
{
    private const int DefaultIrcPort = 6667;
    private const int DefaultHttpPort = 8080;

    public static Command Create()
    {
        var endpoint = new Argument<string?>("endpoint")
        {
            Description = "Server address HOST:PORT (default 127.0.0.1 and the protocol's usual port: 5000 text, 5001 json, 6667 irc, 8080 ws).",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var proto = new Option<string>("--proto") { Description = "Wire format: text (prompted NICK, lines), json (native JSON lines), irc, or ws (JSON over the /ws WebSocket).", DefaultValueFactory = _ => "json" };
        proto.AcceptOnlyFromAmong("text", "json", "irc", "ws");
        var clients = new Option<int>("--clients", "-n") { Description = "Connections, senders included; every one reads everything.", DefaultValueFactory = _ => 50 };
        var senders = new Option<int>("--senders", "-s") { Description = "How many of the clients send.", DefaultValueFactory = _ => 10 };
        var rate = new Option<double>("--rate", "-r") { Description = "Messages per second per sender (the starting rate with --ramp).", DefaultValueFactory = _ => 10 };
        var seconds = new Option<double>("--seconds", "-t") { Description = "Measured seconds (per step with --ramp).", DefaultValueFactory = _ => 10 };
        var warmup = new Option<double>("--warmup", "-w") { Description = "Seconds of load before measuring, not counted.", DefaultValueFactory = _ => 2 };
        var payload = new Option<int>("--payload") { Description = $"Message text bytes, timestamp included ({BenchPayload.MinimumSize} to {BenchPayload.MaximumSize}; irc at most {BenchPayload.MaximumIrcSize}).", DefaultValueFactory = _ => BenchOptions.DefaultPayloadBytes };
        var serverPid = new Option<int?>("--server-pid") { HelpName = "PID", Description = "The server's process id: report its CPU time and RSS (Linux /proc)." };
        var idle = new Option<bool>("--idle") { Description = "Join N clients that send nothing and report the server's RSS per connection (needs --server-pid)." };
        var arrivalTimes = new Option<bool>("--arrival-times") { Description = "Also report latency to arrival in this machine's kernel (Linux receive timestamps): the server's part without the generator's own reading delay." };
        var ramp = new Option<bool>("--ramp") { Description = "Raise the rate by 1.5× per step until loss or p99 over 50 ms; report the highest sustained deliveries/s." };
        var room = new Option<string>("--room") { Description = "IRC channel to join (irc only).", DefaultValueFactory = _ => "#bench" };
        var concurrency = new Option<int>("--connect-concurrency") { Description = "Connections opening at once.", DefaultValueFactory = _ => 200 };
        var handshakeTimeout = new Option<double>("--handshake-timeout") { Description = "Seconds one client may take to connect and join before it counts as failed.", DefaultValueFactory = _ => 30 };
        var json = new Option<bool>("--json") { Description = "No live display; print the report as one JSON object on stdout." };
        var command = new Command("bench", "Load-test a chat server: N clients in one room, S of them sending; latency, loss, throughput, CPU and memory.")
        {
            endpoint, proto, clients, senders, rate, seconds, warmup, payload, serverPid, idle, ramp, arrivalTimes, room, concurrency, handshakeTimeout, json,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(idle) && result.GetValue(ramp))
            {
                result.AddError("--idle and --ramp cannot be used together");
            }

            if (!ChatEndpoint.TryParse(result.GetValue(endpoint), 1, out _, out var error))
            {
                result.AddError(error);
            }

        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            var protocol = parse.GetValue(proto) switch
            {
                "text" => BenchProtocol.Text,
                "irc" => BenchProtocol.Irc,
                "ws" => BenchProtocol.Ws,
                _ => BenchProtocol.Json,
            };
            var defaultPort = protocol switch
            {
                BenchProtocol.Text => ChatEndpoint.DefaultPort,
                BenchProtocol.Irc => DefaultIrcPort,
                BenchProtocol.Ws => DefaultHttpPort,
                _ => ChatEndpoint.DefaultJsonPort,
            };
            ChatEndpoint.TryParse(parse.GetValue(endpoint), defaultPort, out var target, out _);
            var options = new BenchOptions
            {
                Host = target.Host,
                Port = target.Port,
                Protocol = protocol,
                Mode = parse.GetValue(idle) ? BenchMode.Idle : parse.GetValue(ramp) ? BenchMode.Ramp : BenchMode.Load,
                Clients = parse.GetValue(clients),
                Senders = parse.GetValue(senders),
                Rate = parse.GetValue(rate),
                Duration = Seconds(parse.GetValue(seconds)),
                Warmup = Seconds(parse.GetValue(warmup)),
                PayloadBytes = parse.GetValue(payload),
                ServerPid = parse.GetValue(serverPid),
                Room = parse.GetValue(room)!,
                ConnectConcurrency = parse.GetValue(concurrency),
                HandshakeTimeout = Seconds(parse.GetValue(handshakeTimeout)),
                ArrivalTimes = parse.GetValue(arrivalTimes),
            };
            return await BenchRun.RunAsync(options, parse.GetValue(json), cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static TimeSpan Seconds(double value) =>
        double.IsFinite(value) && value is >= 0 and < 1e6 ? TimeSpan.FromSeconds(value) : TimeSpan.FromSeconds(-1);
}
