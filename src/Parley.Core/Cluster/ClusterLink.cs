using System.Threading.Channels;

using Microsoft.Extensions.Logging;

using Parley.Core.Hub;

namespace Parley.Core.Cluster;

/// <summary>
/// Between the hub and the backplane. Outgoing: the hub's local changes are queued (under the hub's lock, so in the
/// hub's order) and one send loop claims nicknames and publishes them in that order. Incoming: the backplane's
/// receive loop hands each event to the hub. Ownership: the send loop alone touches <see cref="_refused"/>.
/// A change that could not be published (database away) is repaired by the roster this node sends when the
/// backplane resumes, and by the rosters the others send then.
/// </summary>
internal sealed partial class ClusterLink : IAsyncDisposable
{
    private readonly ChatHub _hub;
    private readonly IBackplane _backplane;
    private readonly ILogger _logger;
    private readonly ClusterLinkOptions _options;
    private readonly Channel<Outgoing> _outbox = Channel.CreateUnbounded<Outgoing>(new UnboundedChannelOptions { SingleReader = true });

    // Members whose nickname the cluster refused: nothing more about them is published.
    private readonly HashSet<Member> _refused = [];
    private Task _sending = Task.CompletedTask;

    public ClusterLink(ChatHub hub, IBackplane backplane, ClusterLinkOptions options, ILogger logger)
    {
        _hub = hub;
        _options = options;
        _backplane = backplane;
        _logger = logger;
    }

    public string NodeId => _backplane.NodeId;

    public async Task StartAsync(long messagesThrough, CancellationToken cancellationToken)
    {
        _sending = Task.Run(SendLoopAsync, CancellationToken.None);
        await _backplane.StartAsync(messagesThrough, Receive, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Queues a local change; never blocks (called under the hub's lock). <paramref name="time"/> defaults to
    /// now; <paramref name="id"/> and <paramref name="tags"/> are for the kinds that use them.</summary>
    public void Local(
        Member? member,
        ClusterEventKind kind,
        string? room,
        string? nick,
        string? other,
        string? text,
        string? account = null,
        string? tags = null,
        long id = 0,
        DateTimeOffset? time = null) =>
        _outbox.Writer.TryWrite(new Outgoing(member, new ClusterEvent(kind, NodeId, room, nick, other, text, id, 0, time ?? _hub.Now, account, tags)));

    public async ValueTask DisposeAsync()
    {
        _outbox.Writer.TryComplete();
        await _sending.ConfigureAwait(false);
        await _backplane.DisposeAsync().ConfigureAwait(false);
    }

    private void Receive(ClusterEvent clusterEvent)
    {
        try
        {
            switch (clusterEvent.Kind)
            {
                case ClusterEventKind.RoomMessage or ClusterEventKind.DirectMessage:
                    _hub.ApplyClusterMessage(clusterEvent, clusterEvent.Node == NodeId);
                    break;
                case ClusterEventKind.Registered when clusterEvent.Nick is { } nick:
                    _hub.ApplyClusterRegistered(clusterEvent.Node, nick, clusterEvent.Account, clusterEvent.Time);
                    break;
                case ClusterEventKind.Joined when clusterEvent is { Nick: { } nick, Room: { } room }:
                    _hub.ApplyClusterJoined(clusterEvent.Node, nick, room, clusterEvent.Account, clusterEvent.Text);
                    break;
                case ClusterEventKind.Notice when clusterEvent.Nick is not null:
                    _hub.ApplyClusterNotice(clusterEvent);
                    break;
                case ClusterEventKind.Tags when clusterEvent is { Nick: not null, Tags: not null }:
                    _hub.ApplyClusterTags(clusterEvent);
                    break;
                case ClusterEventKind.Away when clusterEvent.Nick is { } nick:
                    _hub.ApplyClusterAway(clusterEvent.Node, nick, clusterEvent.Text);
                    break;
                case ClusterEventKind.AccountChanged when clusterEvent.Nick is { } nick:
                    _hub.ApplyClusterAccount(clusterEvent.Node, nick, clusterEvent.Account);
                    break;
                case ClusterEventKind.Topic when clusterEvent is { Nick: { } nick, Room: { } room }:
                    _hub.ApplyClusterTopic(room, nick, clusterEvent.Text ?? string.Empty, clusterEvent.Time, clusterEvent.Node == NodeId);
                    Heard(room, clusterEvent);
                    break;
                case ClusterEventKind.Modes when clusterEvent is { Nick: { } nick, Room: { } room, Text: { } modes }:
                    _hub.ApplyClusterModes(room, nick, modes, clusterEvent.Node == NodeId);
                    Heard(room, clusterEvent);
                    break;
                case ClusterEventKind.RoomState when clusterEvent.Other == NodeId:
                    ApplyRoomState(clusterEvent.Node, clusterEvent.Text ?? string.Empty);
                    break;
                case ClusterEventKind.Invited when clusterEvent is { Nick: { } nick, Room: { } room, Other: { } invitee }:
                    _hub.ApplyClusterInvited(room, nick, invitee, clusterEvent.Account);
                    break;
                case ClusterEventKind.Kicked when clusterEvent is { Nick: { } nick, Room: { } room, Other: { } target }:
                    _hub.ApplyClusterKicked(room, nick, target, clusterEvent.Text ?? string.Empty);
                    break;
                case ClusterEventKind.Left when clusterEvent is { Nick: { } nick, Room: { } room }:
                    _hub.ApplyClusterLeft(clusterEvent.Node, nick, room, clusterEvent.Text);
                    break;
                case ClusterEventKind.Renamed when clusterEvent is { Nick: { } nick, Other: { } other }:
                    _hub.ApplyClusterRenamed(clusterEvent.Node, nick, other, clusterEvent.Time);
                    break;
                case ClusterEventKind.Quit when clusterEvent.Nick is { } nick:
                    _hub.ApplyClusterQuit(clusterEvent.Node, nick, clusterEvent.Text);
                    break;
                case ClusterEventKind.NodeGone when clusterEvent.Node == NodeId:
                    // The others took this node for dead (it stalled past its lease) and freed its nicknames: claim
                    // them again and restate everything.
                    _hub.QueueRoster();
                    break;
                case ClusterEventKind.NodeGone:
                    _hub.ApplyClusterNodeGone(clusterEvent.Node);
                    break;
                case ClusterEventKind.Roster:
                    _hub.ApplyClusterRoster(clusterEvent.Node, clusterEvent.Text ?? string.Empty);
                    break;
                case ClusterEventKind.RosterRequest:
                    _hub.QueueRoster(clusterEvent.Node);
                    break;
                case ClusterEventKind.Resumed:
                    LogResumed(_logger);
                    _hub.ForgetPendingChanges();
                    StartHearing();
                    Local(null, ClusterEventKind.RosterRequest, null, null, null, null);
                    _hub.QueueRoster();
                    break;
            }
        }
        catch (Exception ex)
        {
            LogApplyFailed(_logger, clusterEvent.Kind, clusterEvent.Node, ex);
        }
    }

    private async Task SendLoopAsync()
    {
        await foreach (var item in _outbox.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                if (await PrepareAsync(item).ConfigureAwait(false) is { } clusterEvent)
                {
                    await _backplane.PublishAsync(clusterEvent, CancellationToken.None).ConfigureAwait(false);
                }
            }
            catch (Exception ex)
            {
                LogPublishFailed(_logger, item.Event.Kind, item.Event.Nick, ex);
            }
        }
    }

    /// <summary>Claims and releases nicknames for the change; returns what to publish, or null for nothing.</summary>
    private async Task<ClusterEvent?> PrepareAsync(Outgoing item)
    {
        var clusterEvent = item.Event;
        if (item.Member is { } member && _refused.Contains(member))
        {
            if (clusterEvent.Kind == ClusterEventKind.Quit)
            {
                _refused.Remove(member);
            }

            return null;
        }

        switch (clusterEvent.Kind)
        {
            case ClusterEventKind.Registered:
                if (!await ClaimAsync(clusterEvent.Nick!).ConfigureAwait(false))
                {
                    Refuse(item.Member!, clusterEvent.Nick!);
                    return null;
                }

                break;
            case ClusterEventKind.Renamed:
                if (!await ClaimAsync(clusterEvent.Other!).ConfigureAwait(false))
                {
                    // The others know it by its old name: they are told it left.
                    Refuse(item.Member!, clusterEvent.Other!);
                    await _backplane.ReleaseNickAsync(clusterEvent.Nick!, CancellationToken.None).ConfigureAwait(false);
                    return clusterEvent with { Kind = ClusterEventKind.Quit, Other = null, Text = "nickname in use on another server" };
                }

                if (!NicknameRules.Comparer.Equals(clusterEvent.Nick, clusterEvent.Other))
                {
                    await _backplane.ReleaseNickAsync(clusterEvent.Nick!, CancellationToken.None).ConfigureAwait(false);
                }

                break;
            case ClusterEventKind.Quit:
                await _backplane.ReleaseNickAsync(clusterEvent.Nick!, CancellationToken.None).ConfigureAwait(false);
                break;
            case ClusterEventKind.Roster:
                return clusterEvent with { Text = await ReclaimAsync(clusterEvent.Text ?? string.Empty).ConfigureAwait(false) };
        }

        return clusterEvent;
    }

    /// <summary>Claims every nick of this node's roster again (after the others may have freed them); a member whose
    /// nick another node took meanwhile is refused and left out.</summary>
    private async Task<string> ReclaimAsync(string roster)
    {
        var kept = new System.Text.StringBuilder();
        foreach (var line in roster.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var nick = line.Split(' ', 2)[0];
            if (await ClaimAsync(nick).ConfigureAwait(false))
            {
                kept.Append(line).Append('\n');
            }
            else if (_hub.FindLocal(nick) is { } member)
            {
                Refuse(member, nick);
            }
        }

        return kept.ToString();
    }

    private async Task<bool> ClaimAsync(string nick)
    {
        try
        {
            return await _backplane.TryClaimNickAsync(nick, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // The database is away: keep the member; the roster sent on resuming claims it again.
            LogPublishFailed(_logger, ClusterEventKind.Registered, nick, ex);
            return true;
        }
    }

    private void Refuse(Member member, string nick)
    {
        LogNickRefused(_logger, nick);
        _refused.Add(member);
        _hub.RefuseClusterNick(member, nick);
    }

    private readonly record struct Outgoing(Member? Member, ClusterEvent Event);
}
