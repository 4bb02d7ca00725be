using Microsoft.Extensions.Logging.Abstractions;

using Parley.Core.Commands;
using Parley.Core.Hub;
using Parley.Core.Tests.Weather;

namespace Parley.Core.Tests.Hub;

/// <summary>A hub, its dispatcher, a fake weather service and a manual clock, with helpers to register members.</summary>
public sealed class HubHarness
{
    public static readonly DateTimeOffset Start = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    public HubHarness(HubOptions? options = null)
    {
        // Deliveries at once, on the posting thread: these tests read the sinks right after each call.
        Hub = new ChatHub((options ?? new HubOptions()) with { FanOutInterval = TimeSpan.Zero }, Time, NullLogger<ChatHub>.Instance);
        Dispatcher = new CommandDispatcher(Hub, Weather);
    }

    public ManualTimeProvider Time { get; } = new(Start);

    public FakeWeatherService Weather { get; } = new();

    public ChatHub Hub { get; }

    public CommandDispatcher Dispatcher { get; }

    /// <summary>Registers <paramref name="nick"/> (which must succeed) and forgets the events of its arrival.</summary>
    public (Member Member, RecordingSink Sink) Register(string nick, bool canChangeRooms = true)
    {
        var sink = new RecordingSink();
        Assert.Equal(RegistrationResult.Registered, Hub.TryRegister(nick, "test", "127.0.0.1", canChangeRooms, sink, out var member));
        Assert.NotNull(member);
        return (member, sink);
    }

    /// <summary>Registers everyone, then clears every sink so that tests see only what follows.</summary>
    public (Member Member, RecordingSink Sink)[] RegisterQuietly(params string[] nicks)
    {
        var members = nicks.Select(n => Register(n)).ToArray();
        foreach (var (_, sink) in members)
        {
            sink.Clear();
        }

        return members;
    }

    public ValueTask<InputOutcome> InputAsync(Member member, string text, string? room = null, long? clientSeq = null) =>
        Dispatcher.HandleInputAsync(member, text, room, clientSeq, CancellationToken.None);
}
