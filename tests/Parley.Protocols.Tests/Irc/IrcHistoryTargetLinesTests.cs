using System.Text;

using Parley.Core.History;
using Parley.Protocols.Irc;

namespace Parley.Protocols.Tests.Irc;

/// <summary>CHATHISTORY TARGETS lines: target and latest time (server-time's format, to the millisecond, UTC).</summary>
public sealed class IrcHistoryTargetLinesTests
{
    [Fact]
    public void Target_lines_name_the_conversation_and_its_latest_time_in_the_batch()
    {
        var output = new System.Buffers.ArrayBufferWriter<byte>();
        var latest = new DateTimeOffset(2026, 11, 29, 5, 6, 7, 89, TimeSpan.FromHours(2)).AddTicks(4_321);
        IrcHistoryLines.WriteTarget(output, "parley", new HistoryTarget("#rust", true, latest), "H7");
        Assert.Equal("@batch=H7 :parley CHATHISTORY TARGETS #rust 2026-11-29T03:06:07.089Z\r\n", Encoding.UTF8.GetString(output.WrittenSpan));

        output.ResetWrittenCount();
        IrcHistoryLines.WriteTarget(output, "parley", new HistoryTarget("bob", false, latest), batch: null);
        Assert.Equal(":parley CHATHISTORY TARGETS bob 2026-11-29T03:06:07.089Z\r\n", Encoding.UTF8.GetString(output.WrittenSpan));
    }
}
