using System.Buffers;
using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using LiveShop.Shared.Realtime;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace LiveShop.LoadTests;

/// <summary>What a viewer needs from one <c>RoomEvents</c> frame: the events' sequence numbers and the
/// load tool's chat markers (<c>LT#index#</c>) in their texts.</summary>
public sealed record RoomFrame(long[] Sequences, int[] ChatIndexes)
{
    public const string ChatMarkerText = "LT#";

    private static ReadOnlySpan<byte> SequenceProperty => "\"sequence\":"u8;

    private static ReadOnlySpan<byte> ChatMarker => "LT#"u8;

    /// <summary>From deserialized events (the <c>--full-parse</c> path).</summary>
    public static RoomFrame From(IReadOnlyList<RoomEvent> events)
    {
        var sequences = new long[events.Count];
        var chats = new List<int>();
        for (var i = 0; i < events.Count; i++)
        {
            sequences[i] = events[i].Sequence;
            if (events[i] is ChatPostedEvent chat && TryChatIndex(chat.Message.Text, out var index))
            {
                chats.Add(index);
            }
        }

        return new RoomFrame(sequences, [.. chats]);
    }

    /// <summary>From the raw JSON of the frame, by a vectorized byte scan (no deserialization).</summary>
    public static RoomFrame Scan(ReadOnlySpan<byte> json) =>
        new([.. Numbers(json, SequenceProperty)], [.. Numbers(json, ChatMarker).Select(n => (int)n)]);

    public static bool TryChatIndex(string text, out int index)
    {
        index = -1;
        var at = text.IndexOf(ChatMarkerText, StringComparison.Ordinal);
        if (at < 0)
        {
            return false;
        }

        var start = at + ChatMarkerText.Length;
        var end = start;
        while (end < text.Length && char.IsAsciiDigit(text[end]))
        {
            end++;
        }

        return int.TryParse(text.AsSpan(start, end - start), out index);
    }

    private static List<long> Numbers(ReadOnlySpan<byte> json, ReadOnlySpan<byte> prefix)
    {
        var found = new List<long>();
        while (true)
        {
            var at = json.IndexOf(prefix);
            if (at < 0)
            {
                return found;
            }

            json = json[(at + prefix.Length)..];
            if (Utf8Parser.TryParse(json, out long value, out var consumed))
            {
                found.Add(value);
                json = json[consumed..];
            }
        }
    }
}

/// <summary>
/// The SignalR JSON protocol ("json", v1) with one shortcut for the load tool: a <c>RoomEvents</c>
/// invocation is not deserialized but scanned for sequence numbers and chat markers (a
/// <see cref="RoomFrame"/>), and <c>RoomStats</c> is skipped. Everything else (handshake answers,
/// completions of JoinShow, pings, close) goes to the real <see cref="JsonHubProtocol"/>. This keeps
/// 10,000 viewers' parsing from eating the CPU the server under test needs on the same box.
/// </summary>
public sealed class LightRoomProtocol : IHubProtocol
{
    public static readonly LightRoomProtocol Instance = new();

    private const byte RecordSeparator = 0x1e;
    private static readonly JsonHubProtocol Inner = new();

    private static long _frames;
    private static long _bytes;

    private static ReadOnlySpan<byte> RoomEventsTarget => "\"target\":\"RoomEvents\""u8;

    /// <summary>RoomEvents frames parsed so far by all viewers, and their JSON bytes.</summary>
    public static (long Frames, long Bytes) Received => (Interlocked.Read(ref _frames), Interlocked.Read(ref _bytes));

    private static ReadOnlySpan<byte> RoomStatsTarget => "\"target\":\"RoomStats\""u8;

    public string Name => Inner.Name;

    public int Version => Inner.Version;

    public TransferFormat TransferFormat => Inner.TransferFormat;

    public bool IsVersionSupported(int version) => Inner.IsVersionSupported(version);

    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => Inner.GetMessageBytes(message);

    public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => Inner.WriteMessage(message, output);

    public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [NotNullWhen(true)] out HubMessage? message)
    {
        var end = input.PositionOf(RecordSeparator);
        if (end is null)
        {
            message = null;
            return false;
        }

        var payload = input.Slice(0, end.Value);
        byte[]? rented = null;
        ReadOnlySpan<byte> json;
        if (payload.IsSingleSegment)
        {
            json = payload.FirstSpan;
        }
        else
        {
            rented = ArrayPool<byte>.Shared.Rent((int)payload.Length);
            payload.CopyTo(rented);
            json = rented.AsSpan(0, (int)payload.Length);
        }

        try
        {
            var head = json[..Math.Min(json.Length, 96)];
            if (head.IndexOf(RoomEventsTarget) >= 0)
            {
                message = new InvocationMessage(nameof(ILiveShowClient.RoomEvents), [RoomFrame.Scan(json)]);
                Interlocked.Increment(ref _frames);
                Interlocked.Add(ref _bytes, json.Length);
            }
            else if (head.IndexOf(RoomStatsTarget) >= 0)
            {
                message = new InvocationMessage(nameof(ILiveShowClient.RoomStats), [null]);
            }
            else
            {
                return Inner.TryParseMessage(ref input, binder, out message);
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }

        input = input.Slice(input.GetPosition(1, end.Value));
        return true;
    }
}
