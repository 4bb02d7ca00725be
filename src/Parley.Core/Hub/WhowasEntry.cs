namespace Parley.Core.Hub;

/// <summary>A nickname that left (quit or was changed), for IRC WHOWAS.</summary>
public sealed record WhowasEntry(string Nick, string UserName, string RealName, string Protocol, DateTimeOffset Time);
