using Parley.Core.Events;
using Parley.Core.Hub;
using Parley.Core.Text;

namespace Parley.Core.Commands;

public sealed partial class CommandDispatcher
{
    // /msg <nick> <text>
    private ValueTask<InputOutcome> MsgAsync(CommandContext context)
    {
        var space = context.Arguments.IndexOf(' ', StringComparison.Ordinal);
        var nick = context.Arguments[..space];
        var text = context.Arguments[(space + 1)..].TrimStart();
        if (!Hub.SendDirect(context.Member, nick, text, clientSeq: null))
        {
            context.Fail(ErrorCodes.NoSuchNick, $"Nobody is called {Excerpt.Of(nick)}.");
        }

        return ValueTask.FromResult(InputOutcome.Continue);
    }

    // /who [#room]
    private ValueTask<InputOutcome> WhoAsync(CommandContext context)
    {
        var room = context.Arguments.Length == 0
            ? context.Member.CurrentRoom ?? Hub.Options.DefaultRoom
            : RoomNameRules.Normalize(context.Arguments.Split(' ')[0]);
        var nicks = Hub.Who(room);
        if (nicks is null)
        {
            context.Fail(ErrorCodes.NoSuchRoom, $"No such room: {Excerpt.Of(room)}.");
        }
        else
        {
            context.Reply(NoticeKind.Who, $"In {room} ({nicks.Count}): {string.Join(", ", nicks)}");
        }

        return ValueTask.FromResult(InputOutcome.Continue);
    }

    // /rooms
    private ValueTask<InputOutcome> RoomsAsync(CommandContext context)
    {
        var rooms = Hub.ListRooms();
        context.Reply(NoticeKind.Rooms, "Rooms: " + string.Join(", ", rooms.Select(r => $"{r.Name} ({r.Members})")));
        return ValueTask.FromResult(InputOutcome.Continue);
    }

    // /join <#room> [key]
    private ValueTask<InputOutcome> JoinAsync(CommandContext context)
    {
        var words = context.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var room = RoomNameRules.Normalize(words.Length > 0 ? words[0] : string.Empty);
        var error = Hub.Join(context.Member, room, words.Length > 1 ? words[1] : null);
        if (error is not null)
        {
            context.Fail(error, error switch
            {
                ErrorCodes.RoomInvalid => $"Invalid room name {Excerpt.Of(room)}: '#' then letters, digits, '-', '_' or '.', at most {Hub.Options.MaxRoomNameLength} characters.",
                ErrorCodes.TooManyRooms => $"You are in {Hub.Options.MaxRoomsPerMember} rooms already; /part one first.",
                ErrorCodes.InviteOnly => $"{Excerpt.Of(room)} is invite-only (+i); ask one of its operators for an invitation.",
                ErrorCodes.BadKey => $"{Excerpt.Of(room)} needs a key (+k): /join {Excerpt.Of(room)} <key>.",
                ErrorCodes.RoomFull => $"{Excerpt.Of(room)} is full (+l).",
                ErrorCodes.Banned => $"You are banned from {Excerpt.Of(room)} (+b).",
                _ => $"Cannot join {Excerpt.Of(room)}.",
            });
        }

        return ValueTask.FromResult(InputOutcome.Continue);
    }

    // /part [#room]
    private ValueTask<InputOutcome> PartAsync(CommandContext context)
    {
        string? room = context.Arguments.Length == 0 ? null : RoomNameRules.Normalize(context.Arguments.Split(' ')[0]);
        if (Hub.Part(context.Member, room) is { } error)
        {
            context.Fail(error, $"You are not in {Excerpt.Of(room ?? "any room")}.");
        }

        return ValueTask.FromResult(InputOutcome.Continue);
    }
}
