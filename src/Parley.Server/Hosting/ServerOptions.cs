using System.ComponentModel.DataAnnotations;

namespace Parley.Server.Hosting;

/// <summary>Listener and connection settings ("Parley:Server" in configuration; see docs/operations.md).</summary>
public sealed record ServerOptions
{
    /// <summary>Address every listener binds.</summary>
    [Required]
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>A PostgreSQL connection string (--postgres): history is kept there instead of SQLite, and every node
    /// started with the same database is one chat. Empty: SQLite (see Parley:History:Data).</summary>
    public string Postgres { get; init; } = string.Empty;

    /// <summary>Port of the text listener (seed dialects); 0 picks a free port.</summary>
    [Range(0, 65535)]
    public int TextPort { get; init; } = 5000;

    /// <summary>Port of the JSON-lines listener (docs/protocol-json.md); 0 picks a free port.</summary>
    [Range(0, 65535)]
    public int JsonPort { get; init; } = 5001;

    /// <summary>Port of the HTTP listener: the web chat page, its WebSocket endpoint <c>/ws</c>, <c>/healthz</c>,
    /// <c>/readyz</c> and (unless <see cref="MetricsHost"/> is set) <c>/metrics</c>; 0 picks a free port.</summary>
    [Range(0, 65535)]
    public int HttpPort { get; init; } = 8080;

    /// <summary>Origins (scheme://host[:port]) whose pages may open the WebSocket besides the page's own; "*" allows
    /// any. A browser always sends Origin, so this stops other sites' pages from chatting as their visitors.</summary>
    public IReadOnlyList<string> AllowedOrigins { get; init; } = [];

    /// <summary>When set, <c>/metrics</c> is served only on its own listener at this address (and
    /// <see cref="MetricsPort"/>), not on the public HTTP port.</summary>
    public string MetricsHost { get; init; } = string.Empty;

    /// <summary>Port of the metrics listener when <see cref="MetricsHost"/> is set; 0 picks a free port.</summary>
    [Range(0, 65535)]
    public int MetricsPort { get; init; } = 9464;

    /// <summary>Interval of WebSocket ping frames, which keep proxies and NATs from dropping an idle page.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan WebSocketKeepAlive { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Port of the IRC listener (docs/protocol.md, "IRC"); 0 picks a free port.</summary>
    [Range(0, 65535)]
    public int IrcPort { get; init; } = 6667;

    /// <summary>The IRC server's name: the source of numerics and server notices, in PONG, WHO and WHOIS.</summary>
    [RegularExpression("^[A-Za-z0-9][A-Za-z0-9.-]{0,62}$", ErrorMessage = "IrcServerName must be a host-like name.")]
    public string IrcServerName { get; init; } = "parley";

    /// <summary>IRC operator logins for OPER, each "name:password"; none by default. Operators get no powers beyond
    /// the '*' in WHO and WHOIS: Parley has no server-wide commands for them yet.</summary>
    public IReadOnlyList<string> IrcOperators { get; init; } = [];

    /// <summary>Offers SASL PLAIN on the plain-text IRC port too, where the password crosses the network in clear. Off
    /// by default; for a listener bound to loopback (test harnesses such as irctest) or behind a TLS-terminating proxy.</summary>
    public bool IrcSaslWithoutTls { get; init; }

    /// <summary>An IRC client silent this long is sent a PING.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan IrcPingInterval { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>An IRC client that stays silent this long after the PING is disconnected ("timed out").</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan IrcPingTimeout { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Largest JSON frame, in bytes; a bigger one gets a "too-long" error and the connection is closed.</summary>
    [Range(256, 16 * 1024 * 1024)]
    public int MaxJsonFrameBytes { get; init; } = 64 * 1024;

    /// <summary>Most subscriptions (seed server5.py registry) at once; a subscribe beyond it is refused.</summary>
    [Range(1, 100_000)]
    public int MaxSubscribers { get; init; } = 1000;

    /// <summary>Most subscriptions made from one IP address (all subscribers on one machine share it).</summary>
    [Range(1, 100_000)]
    public int MaxSubscriptionsPerIp { get; init; } = 32;

    /// <summary>Whom the server may dial to deliver to a subscriber's registered address: <c>off</c> (never; a
    /// subscription lives on its subscribing connection), <c>same-ip</c> (only the IP address the subscribing
    /// connection comes from) or <c>any</c> (the address as named). See docs/security.md.</summary>
    [RegularExpression("^(off|same-ip|any)$", ErrorMessage = "SubscribeDial must be off, same-ip or any.")]
    public string SubscribeDial { get; init; } = "same-ip";

    /// <summary>Addresses or networks (CIDR, "10.0.0.0/8") the server may also dial under <c>same-ip</c>.</summary>
    public IReadOnlyList<string> SubscribeDialAllow { get; init; } = [];

    /// <summary>Whether a subscriber may name a port below 1024.</summary>
    public bool SubscribeDialPrivilegedPorts { get; init; }

    /// <summary>Dials to subscribers' addresses the whole server starts per second.</summary>
    [Range(1, 100_000)]
    public int SubscriberDialsPerSecond { get; init; } = 20;

    /// <summary>Dials to subscribers' addresses in progress at once, over the whole server.</summary>
    [Range(1, 10_000)]
    public int SubscriberMaxConcurrentDials { get; init; } = 8;

    /// <summary>A subscribing connection closed within this time of its subscribe was a short one (connect, send,
    /// close) that never read: what was forwarded to it is delivered again through the registered address.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan SubscriberChannelGrace { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long the server waits for a subscriber's registered address to accept a connection.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan SubscriberConnectTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>First wait before dialling a subscriber's address again after a failure; doubles per failure.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan SubscriberRedialInitialDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest wait between two dials of a subscriber's address.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan SubscriberRedialMaxDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Consecutive failed dials (or writes) after which a subscriber is given up: unsubscribed, "unreachable".</summary>
    [Range(1, 1000)]
    public int SubscriberMaxFailures { get; init; } = 5;

    /// <summary>How long a new text connection may stay silent before the server prompts with NICK.</summary>
    public TimeSpan NickGracePeriod { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>The pause that ends a burst from an unframed client (one message per send, no newline).</summary>
    public TimeSpan UnframedPause { get; init; } = TimeSpan.FromMilliseconds(40);

    /// <summary>Least time between two writes to an unframed client, so each message is its own recv().</summary>
    public TimeSpan UnframedWriteGap { get; init; } = TimeSpan.FromMilliseconds(40);

    /// <summary>What text clients are sent: <c>auto</c> (UTF-8 to line-framed prompted clients; ASCII, transliterated,
    /// to unframed prompted clients and to REGISTER clients, until they send non-ASCII UTF-8 themselves),
    /// <c>utf-8</c> or <c>ascii</c> for every text client.</summary>
    [RegularExpression("^(auto|utf-8|ascii)$", ErrorMessage = "TextCharset must be auto, utf-8 or ascii.")]
    public string TextCharset { get; init; } = "auto";

    /// <summary>Tries a line-framed prompted client gets to pick a free, valid nickname.</summary>
    [Range(1, 100)]
    public int MaxNickAttempts { get; init; } = 3;

    /// <summary>Events queued for one subscriber's registered address (and kept for a short subscribing
    /// connection's replay) before it counts as a slow consumer.</summary>
    [Range(1, 1_000_000)]
    public int OutboxCapacity { get; init; } = 4096;

    /// <summary>Bytes queued for one connection while its transport is behind (on top of the transport's own
    /// buffer). Past it the client is a slow consumer: told why and disconnected. A quarter of it already makes
    /// the server slow its senders down while the client still makes progress.</summary>
    [Range(1024, 256 * 1024 * 1024)]
    public int SendQueueBytes { get; init; } = 256 * 1024;

    /// <summary>A connection whose socket takes no bytes at all for this long is a slow consumer, whatever is queued.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan SendTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Time from connecting to being registered (nickname, hello, subscribe); then the connection is closed.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Longest silence from a client (text and JSON have no keep-alive; JSON clients may send ping).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "7.00:00:00")]
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Messages per second one connection may send on average; 0 = no limit. Over it, its reads pause.</summary>
    [Range(0, 1_000_000)]
    public int MessagesPerSecond { get; init; } = 10;

    /// <summary>Messages one connection may send at once before <see cref="MessagesPerSecond"/> applies.</summary>
    [Range(1, 1_000_000)]
    public int MessageBurst { get; init; } = 20;

    /// <summary>A connection that stays over its message budget this long gets the protocol's flood error and is closed.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan FloodTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Most simultaneous connections over all listeners together; one more is refused with a reason.</summary>
    [Range(1, 1_000_000)]
    public int MaxConnections { get; init; } = 10_000;

    /// <summary>Most simultaneous connections from one address (IPv4 address or IPv6 /64), over all listeners;
    /// 0 = no limit. Loopback counts too: a local load test sets 0.</summary>
    [Range(0, 1_000_000)]
    public int MaxConnectionsPerIp { get; init; } = 64;

    /// <summary>Connection attempts one address may make per second on average (token bucket, refused ones
    /// included); 0 = no limit.</summary>
    [Range(0, 1_000_000)]
    public int ConnectionsPerIpPerSecond { get; init; } = 20;

    /// <summary>Attempts one address may make at once before <see cref="ConnectionsPerIpPerSecond"/> applies
    /// (the bucket's size).</summary>
    [Range(1, 1_000_000)]
    public int ConnectionBurstPerIp { get; init; } = 40;

    /// <summary>Run socket sends and receive continuations on the thread that asks for them (Kestrel's
    /// <c>UnsafePreferInlineScheduling</c>) instead of handing each to an I/O queue thread: a room dispatcher's
    /// flush then performs the send system call itself. Safe because nothing in Parley blocks on a socket's thread
    /// (room fan-out is a combining dispatcher, see docs/developing.md). See docs/benchmarks.md for the measurement.</summary>
    public bool InlineSocketScheduling { get; init; } = true;

    /// <summary>Send to plain TCP clients with the socket's own non-blocking send on the delivering thread
    /// (<c>SocketPipeWriter</c>) instead of through Kestrel's output pipe and send loop; WebSocket frames on the plain
    /// HTTP port too, when <see cref="InlineSocketScheduling"/> is on. TLS connections always use Kestrel's output.
    /// See docs/benchmarks.md for the measurement.</summary>
    public bool DirectSocketSends { get; init; } = true;

    /// <summary>TCP_NODELAY on client sockets (the default): every send leaves at once as its own segment. Off, the
    /// kernel's Nagle algorithm holds a small write while an earlier segment is unacknowledged, and with the
    /// client's delayed acknowledgement (40 ms on Linux) that put a 40 ms step into the p99 of busy rooms; the room's
    /// fan-out interval already merges messages into one write per member. See docs/benchmarks.md ("Nagle").</summary>
    public bool NoDelay { get; init; } = true;

    /// <summary>Where the socket transport takes its buffers: <c>shared</c> (the shared array pool: memory of a burst
    /// goes back at the next GC) or <c>pinned</c> (Kestrel's pinned block pool, which keeps a burst's peak for
    /// minutes). See docs/benchmarks.md for the measurement.</summary>
    [RegularExpression("^(shared|pinned)$", ErrorMessage = "TransportBufferPool must be shared or pinned.")]
    public string TransportBufferPool { get; init; } = "shared";

    /// <summary>How often the server checks whether it is quiet after a burst, to give the burst's memory back
    /// (one compacting GC; see <c>MemoryTrimmer</c>); 0 = never.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan MemoryTrimInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Growth of the GC's committed memory since the last trim that a quiet server gives back.</summary>
    [Range(1024 * 1024, long.MaxValue)]
    public long MemoryTrimGrowthBytes { get; init; } = 8 * 1024 * 1024;

    /// <summary>How long shutdown waits for outboxes to drain before closing connections anyway.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
