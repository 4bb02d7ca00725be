namespace Parley.Server.Storage;

/// <summary>
/// The schema, as numbered steps. A step is never edited once released: a change is a new step. The version table
/// (parley_schema) records every step applied; a file whose highest step is above <see cref="Latest"/> was written
/// by a newer Parley and is refused. SqliteMigrationTests pins the numbers and table names.
/// </summary>
internal static class SqliteMigrations
{
    public const string VersionTable = "CREATE TABLE IF NOT EXISTS parley_schema (version INTEGER PRIMARY KEY, applied INTEGER NOT NULL);";

    public static IReadOnlyList<(int Version, string Sql)> Steps { get; } =
    [
        (1, """
            CREATE TABLE messages (
                id INTEGER PRIMARY KEY,
                room TEXT COLLATE NOCASE,
                sender TEXT NOT NULL COLLATE NOCASE,
                recipient TEXT COLLATE NOCASE,
                text TEXT NOT NULL,
                seq INTEGER NOT NULL,
                time INTEGER NOT NULL
            );
            CREATE INDEX messages_room ON messages (room, id) WHERE room IS NOT NULL;
            CREATE INDEX messages_direct ON messages (sender, recipient, id) WHERE room IS NULL;
            CREATE INDEX messages_time ON messages (time);
            CREATE TABLE rooms (name TEXT PRIMARY KEY COLLATE NOCASE, topic TEXT, created INTEGER NOT NULL);
            CREATE VIRTUAL TABLE messages_fts USING fts5 (text, content = 'messages', content_rowid = 'id');
            CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
                INSERT INTO messages_fts (rowid, text) VALUES (new.id, new.text);
            END;
            CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
                INSERT INTO messages_fts (messages_fts, rowid, text) VALUES ('delete', old.id, old.text);
            END;
            """),
        (2, """
            CREATE TABLE accounts (
                name TEXT PRIMARY KEY COLLATE NOCASE,
                password_hash TEXT NOT NULL,
                created INTEGER NOT NULL
            );
            """),

        // Direct messages by identity (issue 10): each side's account at send time (NULL: a guest, and every row
        // stored before this step). Readers match their side by account, or as a guest by nick and time; the partial
        // indexes serve each side's lookups, and room messages (room IS NOT NULL) are in none of them.
        (3, """
            ALTER TABLE messages ADD COLUMN sender_account TEXT COLLATE NOCASE;
            ALTER TABLE messages ADD COLUMN recipient_account TEXT COLLATE NOCASE;
            CREATE INDEX messages_direct_to ON messages (recipient, id) WHERE room IS NULL;
            CREATE INDEX messages_sender_account ON messages (sender_account, id) WHERE room IS NULL;
            CREATE INDEX messages_recipient_account ON messages (recipient_account, id) WHERE room IS NULL;
            """),

        // The search index behind the writer (issue 10): indexing a message in its own commit wrote an FTS5 segment
        // per transaction, half the writer's cost at chat rates. A new message's id goes to search_queue in its
        // commit (one small row); SqliteHistoryStore.SearchIndex.cs indexes the queue in batches, and a search first
        // indexes what is queued. Only indexed rows are taken out of the index when a message is deleted (removing
        // an external-content row that was never added would corrupt the index). Rows stored before this step were
        // indexed by the step-1 trigger.
        (4, """
            DROP TRIGGER messages_fts_insert;
            DROP TRIGGER messages_fts_delete;
            CREATE TABLE search_queue (id INTEGER PRIMARY KEY);
            CREATE TRIGGER messages_search_queue AFTER INSERT ON messages BEGIN
                INSERT INTO search_queue (id) VALUES (new.id);
            END;
            CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
                INSERT INTO messages_fts (messages_fts, rowid, text)
                    SELECT 'delete', old.id, old.text WHERE NOT EXISTS (SELECT 1 FROM search_queue WHERE id = old.id);
                DELETE FROM search_queue WHERE id = old.id;
            END;
            """),
    ];

    public static int Latest => Steps[^1].Version;

    /// <summary>The step that records each direct message's accounts; rows stored before it have none.</summary>
    public const int DirectAccounts = 3;
}
