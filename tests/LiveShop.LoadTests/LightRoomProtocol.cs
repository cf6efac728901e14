using System.Buffers;
using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using LiveShop.Shared.Realtime;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace LiveShop.LoadTests;

/// <summary>
/// What a viewer needs from one <c>RoomEvents</c> frame (<see cref="RoomFrame"/>): its range
/// (<see cref="After"/>, <see cref="Through"/>), the events' sequence numbers, which of them are commerce
/// (anything but chat), and the load tool's chat markers (<c>LT#index#</c>) in the chat texts.
/// </summary>
public sealed record ScannedFrame(long After, long Through, long[] Sequences, long[] CommerceSequences, int[] ChatIndexes)
{
    public const string ChatMarkerText = "LT#";

    private static ReadOnlySpan<byte> AfterProperty => "\"after\":"u8;

    private static ReadOnlySpan<byte> ThroughProperty => "\"through\":"u8;

    private static ReadOnlySpan<byte> TypeProperty => "\"$type\":\""u8;

    private static ReadOnlySpan<byte> ChatType => "chat\""u8;

    private static ReadOnlySpan<byte> SequenceProperty => "\"sequence\":"u8;

    private static ReadOnlySpan<byte> ChatMarker => "LT#"u8;

    /// <summary>A frame that carries nothing but a new position: the server dropped this viewer's queue (it fell behind) and asks it to catch up.</summary>
    public bool IsCatchUp => Sequences.Length == 0 && After == Through;

    /// <summary>From a deserialized frame (the <c>--full-parse</c> path).</summary>
    public static ScannedFrame From(RoomFrame frame) => From(frame.After, frame.Through, frame.Events);

    /// <summary>From deserialized events (a frame, or the events a resync answered).</summary>
    public static ScannedFrame From(long after, long through, IReadOnlyList<RoomEvent> events)
    {
        var sequences = new long[events.Count];
        var commerce = new List<long>();
        var chats = new List<int>();
        for (var i = 0; i < events.Count; i++)
        {
            sequences[i] = events[i].Sequence;
            if (events[i] is ChatPostedEvent chat)
            {
                if (TryChatIndex(chat.Message.Text, out var index))
                {
                    chats.Add(index);
                }
            }
            else
            {
                commerce.Add(events[i].Sequence);
            }
        }

        return new ScannedFrame(after, through, sequences, [.. commerce], [.. chats]);
    }

    /// <summary>
    /// From the raw JSON of the invocation, by vectorized byte scans (no deserialization). The frame's
    /// <c>after</c> and <c>through</c> come before its events; each event starts with its <c>$type</c>
    /// (System.Text.Json writes the discriminator first), then its <c>sequence</c>.
    /// </summary>
    public static ScannedFrame Scan(ReadOnlySpan<byte> json)
    {
        var after = First(json, AfterProperty);
        var through = First(json, ThroughProperty);
        var sequences = new List<long>();
        var commerce = new List<long>();
        var rest = json;
        while (true)
        {
            var at = rest.IndexOf(TypeProperty);
            if (at < 0)
            {
                break;
            }

            rest = rest[(at + TypeProperty.Length)..];
            var chat = rest.StartsWith(ChatType);
            var sequenceAt = rest.IndexOf(SequenceProperty);
            if (sequenceAt < 0)
            {
                break;
            }

            rest = rest[(sequenceAt + SequenceProperty.Length)..];
            if (Utf8Parser.TryParse(rest, out long sequence, out var consumed))
            {
                sequences.Add(sequence);
                if (!chat)
                {
                    commerce.Add(sequence);
                }

                rest = rest[consumed..];
            }
        }

        return new ScannedFrame(after ?? 0, through ?? 0, [.. sequences], [.. commerce], [.. Numbers(json, ChatMarker).Select(n => (int)n)]);
    }

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

    private static long? First(ReadOnlySpan<byte> json, ReadOnlySpan<byte> prefix)
    {
        var at = json.IndexOf(prefix);
        return at >= 0 && Utf8Parser.TryParse(json[(at + prefix.Length)..], out long value, out _) ? value : null;
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
/// invocation is not deserialized but scanned for its range, sequence numbers and chat markers (a
/// <see cref="ScannedFrame"/>), and <c>RoomStats</c> is skipped. Everything else (handshake answers,
/// completions of JoinShow, pings, close) goes to the real <see cref="JsonHubProtocol"/>. This keeps
/// 10,000 viewers' parsing from eating the CPU the server under test needs on the same box.
/// </summary>
public sealed class LightRoomProtocol : IHubProtocol
{
    public static readonly LightRoomProtocol Instance = new();

    private const byte RecordSeparator = 0x1e;
    private static readonly JsonHubProtocol Inner = new();

    private static long _frames;
    private static long _events;
    private static long _bytes;

    private static ReadOnlySpan<byte> RoomEventsTarget => "\"target\":\"RoomEvents\""u8;

    /// <summary>RoomEvents frames parsed so far by all viewers, the events in them, and their JSON bytes (the whole invocation).</summary>
    public static WireCount Received => new(Interlocked.Read(ref _frames), Interlocked.Read(ref _events), Interlocked.Read(ref _bytes));

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
                var frame = ScannedFrame.Scan(json);
                message = new InvocationMessage(nameof(ILiveShowClient.RoomEvents), [frame]);
                Interlocked.Increment(ref _frames);
                Interlocked.Add(ref _events, frame.Sequences.Length);
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

/// <summary>RoomEvents frames, events and JSON bytes viewers received (see <see cref="LightRoomProtocol.Received"/>).</summary>
public readonly record struct WireCount(long Frames, long Events, long Bytes)
{
    public static WireCount operator -(WireCount a, WireCount b) => new(a.Frames - b.Frames, a.Events - b.Events, a.Bytes - b.Bytes);

    public double BytesPerFrame => Frames > 0 ? Bytes / (double)Frames : double.NaN;

    public double BytesPerEvent => Events > 0 ? Bytes / (double)Events : double.NaN;

    /// <summary>The summary-line fields (nan with <c>--full-parse</c>, which does not count bytes).</summary>
    public string Fields => $"bytes_per_frame={Report.F(BytesPerFrame, 0)} bytes_per_event={Report.F(BytesPerEvent, 0)}";

    public override string ToString() =>
        Frames == 0 ? "no frames counted (--full-parse does not count bytes)"
            : $"{Frames} RoomEvents frames with {Events} events, {Report.F(Bytes / 1e6, 1)} MB of JSON: {Report.F(BytesPerFrame, 0)} bytes per frame, {Report.F(BytesPerEvent, 0)} per event";
}
