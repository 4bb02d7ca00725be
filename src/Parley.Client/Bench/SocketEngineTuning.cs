namespace Parley.Client.Bench;

/// <summary>
/// Makes .NET run socket continuations on its epoll thread instead of hopping to the thread pool. A bench
/// client's continuation only scans bytes and records latencies, never blocks, so the hop is pure overhead:
/// at one line per receive it cost about half the generator's CPU and added queueing delay to the latencies.
/// The runtime reads this variable once, when the first socket is created, so it must be set before any
/// socket exists in the process; a `parley bench` process has none until the run starts. A caller that
/// already uses sockets (a test host) is unaffected.
/// </summary>
public static class SocketEngineTuning
{
    private const string InlineCompletions = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    public static void PreferInlineCompletions()
    {
        if (Environment.GetEnvironmentVariable(InlineCompletions) is null)
        {
            Environment.SetEnvironmentVariable(InlineCompletions, "1");
        }
    }
}
