namespace Parley.Server.Storage;

/// <summary>
/// The PostgreSQL schema, as numbered steps (the same rule as <see cref="SqliteMigrations"/>: a released step is never
/// edited, a change is a new step). parley_schema records every step applied; a database whose highest step is above
/// <see cref="Latest"/> was written by a newer Parley and is refused. Every step runs in one transaction under an
/// advisory lock (<see cref="LockKey"/>), so nodes starting together migrate once. PostgresMigrationTests pins them.
/// </summary>
internal static class PostgresMigrations
{
    /// <summary>pg_advisory_xact_lock key held while migrating: "PARLEY" in ASCII.</summary>
    public const long LockKey = 0x504152_4C4559;

    /// <summary>pg_advisory_xact_lock key held by a clustered append from numbering to commit: "PARLEYMS".</summary>
    public const long AppendLockKey = 0x5041_524C_4559_4D53;

    public const string VersionTable = "CREATE TABLE IF NOT EXISTS parley_schema (version integer PRIMARY KEY, applied timestamptz NOT NULL);";

    // Names compare case-insensitively (as the hub does) through lower(), which the indexes use too. The search column
    // uses the 'simple' configuration: lower-cased words, no stemming and no stop words, like SQLite's FTS5 default.
    public static IReadOnlyList<(int Version, string Sql)> Steps { get; } =
    [
        (1, """
            CREATE TABLE messages (
                id bigint PRIMARY KEY,
                room text,
                sender text NOT NULL,
                recipient text,
                text text NOT NULL,
                seq bigint NOT NULL,
                time timestamptz NOT NULL,
                search tsvector GENERATED ALWAYS AS (to_tsvector('simple', text)) STORED
            );
            CREATE INDEX messages_room ON messages (lower(room), id) WHERE room IS NOT NULL;
            CREATE INDEX messages_direct ON messages (lower(sender), lower(recipient), id) WHERE room IS NULL;
            CREATE INDEX messages_time ON messages (time);
            CREATE INDEX messages_search ON messages USING gin (search);
            CREATE TABLE rooms (key text PRIMARY KEY, name text NOT NULL, topic text, created timestamptz NOT NULL);
            """),

        // Clustering (PostgresBackplane): live nodes with their heartbeat, the nicknames each holds (freed with the
        // node), and events too large for a NOTIFY payload, which then carries only the row id.
        (2, """
            CREATE TABLE nodes (node_id text PRIMARY KEY, started timestamptz NOT NULL, heartbeat timestamptz NOT NULL);
            CREATE TABLE nick_claims (
                nick_key text PRIMARY KEY,
                nick text NOT NULL,
                node_id text NOT NULL REFERENCES nodes (node_id) ON DELETE CASCADE,
                claimed timestamptz NOT NULL
            );
            CREATE INDEX nick_claims_node ON nick_claims (node_id);
            CREATE TABLE cluster_events (id bigserial PRIMARY KEY, payload text NOT NULL, created timestamptz NOT NULL);
            """),

        // Several nodes: the database numbers messages (message_ids, taken under the append lock, so commit order is
        // id order) and remembers which node stored each one, for catching up after a lost connection.
        (3, """
            CREATE SEQUENCE message_ids AS bigint;
            SELECT setval('message_ids', (SELECT coalesce(max(id), 0) + 1 FROM messages), false);
            ALTER TABLE messages ADD COLUMN node text;
            """),

        // Accounts (PostgresAccountStore), shared by every node: one per name in any case (the unique index, which
        // registration's ON CONFLICT names), kept with the case it was registered in; password hashes as in SQLite.
        (4, """
            CREATE TABLE accounts (
                name text NOT NULL,
                password_hash text NOT NULL,
                created timestamptz NOT NULL
            );
            CREATE UNIQUE INDEX accounts_name ON accounts (lower(name));
            """),

        // Direct messages by identity (issue 10), as SQLite step 3: each side's account at send time (NULL: a guest,
        // and every row stored before this step), with an index for each side's lookups.
        (5, """
            ALTER TABLE messages ADD COLUMN sender_account text, ADD COLUMN recipient_account text;
            CREATE INDEX messages_direct_to ON messages (lower(recipient), id) WHERE room IS NULL;
            CREATE INDEX messages_sender_account ON messages (lower(sender_account), id) WHERE room IS NULL;
            CREATE INDEX messages_recipient_account ON messages (lower(recipient_account), id) WHERE room IS NULL;
            """),

        // Idempotent cluster appends: per node, the number of its last stored batch, written in the batch's
        // transaction, so a batch retried after a commit whose acknowledgement was lost is recognised, not stored twice.
        (6, """
            CREATE TABLE stored_batches (node_id text PRIMARY KEY, last_batch bigint NOT NULL, stored timestamptz NOT NULL);
            """),
    ];

    public static int Latest => Steps[^1].Version;

    /// <summary>The step that records each direct message's accounts; rows stored before it have none.</summary>
    public const int DirectAccounts = 5;
}
