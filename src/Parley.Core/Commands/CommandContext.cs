using Parley.Core.Events;
using Parley.Core.Hub;

namespace Parley.Core.Commands;

/// <summary>One command invocation: who ran it, its argument text, and how to answer only that member.</summary>
public sealed class CommandContext(ChatHub hub, Member member, string arguments, CancellationToken cancellationToken)
{
    public ChatHub Hub { get; } = hub;

    public Member Member { get; } = member;

    /// <summary>Everything after the command name, trimmed.</summary>
    public string Arguments { get; } = arguments;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    public void Reply(NoticeKind kind, string text) => Member.Sink.TryDeliver(new Notice(kind, text, Hub.Now));

    public void Fail(string code, string text) => Member.Sink.TryDeliver(new ErrorNotice(code, text, Hub.Now));
}
