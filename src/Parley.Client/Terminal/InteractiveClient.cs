using System.Threading.Channels;

using Parley.Client.Connections;
using Parley.Core.Hub;

using Spectre.Console;

namespace Parley.Client.Terminal;

/// <summary>
/// Interactive mode: a key-reader thread and the connection's events both draw through one
/// <see cref="ConsoleScreen"/>, so incoming lines appear above the line being typed without garbling it.
/// </summary>
public static class InteractiveClient
{
    public static async Task<int> RunAsync(ClientOptions options, CancellationToken cancellationToken)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            ColorSystem = options.NoColor ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Out = new AnsiConsoleOutput(Console.Out),
        });
        var name = options.Name ?? console.Prompt(new TextPrompt<string>("Your name:")
            .Validate(n => NicknameRules.IsValid(n) ? ValidationResult.Success() : ValidationResult.Error(NicknameRules.Describe(NicknameRules.DefaultMaxLength))));
        if (!NicknameRules.IsValid(name))
        {
            console.MarkupLine($"[red]Invalid name '{Markup.Escape(name)}': {Markup.Escape(NicknameRules.Describe(NicknameRules.DefaultMaxLength))}[/]");
            return 1;
        }

        await using var connection = options.CreateConnection();
        if (!await ClientConnector.TryConnectAsync(connection, options with { Name = name }, Console.Error, cancellationToken).ConfigureAwait(false))
        {
            return 1;
        }

        console.MarkupLine($"[green]Connected to {Markup.Escape(options.Endpoint.ToString())} as {Markup.Escape(name)}.[/] [dim]Type to chat; /help for commands; /quit, exit, Ctrl+D or Ctrl+C to leave.[/]");
        if (connection is SubscriberConnection subscriber)
        {
            console.MarkupLine($"[dim]listening {Markup.Escape(subscriber.ClientAddress)}[/]");
        }

        var view = new SessionView(name);
        var input = new InputLine();
        var screen = new ConsoleScreen(console, Console.Out, input, view.Prompt);
        Console.TreatControlCAsInput = true;
        try
        {
            return await RunSessionAsync(connection, view, screen, input, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            screen.Close();
            Console.TreatControlCAsInput = false;
        }
    }

    private static async Task<int> RunSessionAsync(IChatConnection connection, SessionView view, ConsoleScreen screen, InputLine input, CancellationToken cancellationToken)
    {
        screen.RedrawInput();
        var events = ShowEventsAsync(connection, view, screen);
        using var stopKeys = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var keys = ReadKeysAsync(connection, view, screen, input, StartKeyReader(), stopKeys.Token);

        if (await Task.WhenAny(events, keys).ConfigureAwait(false) == events)
        {
            await stopKeys.CancelAsync().ConfigureAwait(false);
            return await events.ConfigureAwait(false) == SessionEnd.ConnectionLost ? 1 : 0;
        }

        using var timeout = new CancellationTokenSource(ClientOptions.GoodbyeTimeout);
        await connection.DisconnectAsync(timeout.Token).ConfigureAwait(false);
        return 0;
    }

    private static async Task<SessionEnd> ShowEventsAsync(IChatConnection connection, SessionView view, ConsoleScreen screen)
    {
        var end = SessionEnd.Left;
        await foreach (var clientEvent in connection.Events.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            if (view.Apply(clientEvent))
            {
                screen.SetPrompt(view.Prompt);
            }

            if (EventMarkup.For(clientEvent, DateTimeOffset.Now, view) is { } markup)
            {
                screen.WriteAbove(markup);
            }

            end = clientEvent switch
            {
                ServerShuttingDown => SessionEnd.ServerShutdown,
                ConnectionLost => SessionEnd.ConnectionLost,
                _ => end,
            };
        }

        return end;
    }

    private static bool IsCommand(string line)
    {
        var trimmed = line.AsSpan().Trim();
        return (trimmed.StartsWith("/") && !trimmed.StartsWith("//")) || trimmed.Equals("weather", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Returns when the user asks to leave (or the token is cancelled); the caller says goodbye.</summary>
    private static async Task ReadKeysAsync(IChatConnection connection, SessionView view, ConsoleScreen screen, InputLine input, ChannelReader<ConsoleKeyInfo> keys, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var key in keys.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                switch (input.Apply(key))
                {
                    case InputAction.Redraw:
                        screen.RedrawInput();
                        break;
                    case InputAction.EndOfInput or InputAction.Interrupt:
                        return;
                    case InputAction.Submit:
                        var line = input.Take();
                        if (QuitWords.IsQuit(line))
                        {
                            return;
                        }

                        if (line.Trim().Length == 0)
                        {
                            screen.RedrawInput();
                            break;
                        }

                        if (LocalHelp.IsHelp(line))
                        {
                            screen.WriteAbove(EventMarkup.Local(LocalHelp.Text, DateTimeOffset.Now));
                        }
                        else if (PrivateLine.TryParse(line, out var to, out var text))
                        {
                            screen.WriteAbove(EventMarkup.OwnPrivate(to, text, DateTimeOffset.Now));
                        }
                        else if (!IsCommand(line))
                        {
                            // Commands are not chat: their answers show what happened.
                            screen.WriteAbove(EventMarkup.Own(view.Name, line, DateTimeOffset.Now));
                        }
                        else
                        {
                            screen.RedrawInput();
                        }

                        await connection.SendAsync(line, cancellationToken).ConfigureAwait(false);
                        break;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (IOException)
        {
            // The send failed because the connection broke; the event stream reports that, not us.
        }
    }

    /// <summary>
    /// Console.ReadKey blocks, so it gets its own background thread; it is abandoned (not joined) at exit,
    /// since a blocked ReadKey cannot be interrupted.
    /// </summary>
    private static ChannelReader<ConsoleKeyInfo> StartKeyReader()
    {
        var keys = Channel.CreateUnbounded<ConsoleKeyInfo>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var thread = new Thread(() =>
        {
            while (true)
            {
                keys.Writer.TryWrite(Console.ReadKey(intercept: true));
            }
        })
        { IsBackground = true, Name = "parley-keys" };
        thread.Start();
        return keys.Reader;
    }
}
