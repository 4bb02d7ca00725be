using Npgsql;

using NpgsqlTypes;

using Parley.Core.History;

namespace Parley.Server.Storage;

/// <summary>
/// A batch of messages as the nine column arrays that one <c>INSERT ... SELECT FROM unnest(...)</c> takes, in the
/// order of <see cref="Unnest"/> ($1 to $9): the single-node append and the clustered one build their rows here, so
/// both store text and time alike (U+0000 as U+FFFD, milliseconds).
/// </summary>
internal sealed class PostgresMessageColumns
{
    /// <summary>The columns <see cref="Unnest"/> fills, in its order.</summary>
    public const string Names = "id, room, sender, recipient, text, seq, time, sender_account, recipient_account";

    /// <summary>The rows of an insert, from parameters $1 to $9 as <see cref="AddTo"/> adds them.</summary>
    public const string Unnest =
        "unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::timestamptz[], $8::text[], $9::text[])";

    private readonly long[] _ids;
    private readonly string?[] _rooms;
    private readonly string[] _senders;
    private readonly string?[] _recipients;
    private readonly long[] _seqs;
    private readonly string?[] _senderAccounts;
    private readonly string?[] _recipientAccounts;

    /// <summary>The batch's columns; <paramref name="ids"/> replaces the entries' own ids (the cluster's numbering),
    /// one per entry, in the batch's order.</summary>
    public PostgresMessageColumns(IReadOnlyList<HistoryEntry> batch, long[]? ids = null)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (ids is not null && ids.Length != batch.Count)
        {
            throw new ArgumentException("One id per entry.", nameof(ids));
        }

        _ids = ids ?? new long[batch.Count];
        _rooms = new string?[batch.Count];
        _senders = new string[batch.Count];
        _recipients = new string?[batch.Count];
        Texts = new string[batch.Count];
        _seqs = new long[batch.Count];
        _senderAccounts = new string?[batch.Count];
        _recipientAccounts = new string?[batch.Count];
        Times = new DateTime[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var entry = batch[i];
            if (ids is null)
            {
                _ids[i] = entry.Id;
            }

            _rooms[i] = entry.Room;
            _senders[i] = entry.Sender;
            _recipients[i] = entry.Recipient;
            Texts[i] = StorableText(entry.Text);
            _seqs[i] = entry.Seq;
            _senderAccounts[i] = entry.SenderAccount;
            _recipientAccounts[i] = entry.RecipientAccount;
            Times[i] = PostgresHistoryStore.Milliseconds(entry.Time);
        }
    }

    /// <summary>Each text as stored (and as the cluster announces it).</summary>
    public string[] Texts { get; }

    /// <summary>Each time as stored: UTC, whole milliseconds.</summary>
    public DateTime[] Times { get; }

    /// <summary>Adds the nine arrays as parameters $1 to $9 of <see cref="Unnest"/>.</summary>
    public void AddTo(NpgsqlParameterCollection parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Add(new NpgsqlParameter { Value = _ids, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        parameters.Add(new NpgsqlParameter { Value = _rooms, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        parameters.Add(new NpgsqlParameter { Value = _senders, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        parameters.Add(new NpgsqlParameter { Value = _recipients, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        parameters.Add(new NpgsqlParameter { Value = Texts, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        parameters.Add(new NpgsqlParameter { Value = _seqs, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        parameters.Add(new NpgsqlParameter { Value = Times, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        parameters.Add(new NpgsqlParameter { Value = _senderAccounts, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        parameters.Add(new NpgsqlParameter { Value = _recipientAccounts, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
    }

    /// <summary>PostgreSQL text cannot hold U+0000; it is stored as U+FFFD.</summary>
    private static string StorableText(string text) =>
        text.Contains('\0', StringComparison.Ordinal) ? text.Replace('\0', '\uFFFD') : text;
}
