using System.Text.Json;
using LiveShop.Shared.Realtime;

namespace LiveShop.Server.Features.Live;

/// <summary>A room event as stored: its show, sequence, kind and the event itself as JSON.</summary>
public sealed class RoomEventRecord
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private RoomEventRecord()
    {
    }

    public long Id { get; private set; }

    public Guid ShowId { get; private set; }

    public long Sequence { get; private set; }

    /// <summary>The event's type discriminator (<c>chat</c>, <c>pins</c> …), to query by kind.</summary>
    public string Kind { get; private set; } = "";

    public DateTimeOffset At { get; private set; }

    public string Payload { get; private set; } = "";

    public static RoomEventRecord From(Guid showId, RoomEvent roomEvent)
    {
        var payload = JsonSerializer.Serialize(roomEvent, Json);
        using var document = JsonDocument.Parse(payload);
        return new RoomEventRecord
        {
            ShowId = showId,
            Sequence = roomEvent.Sequence,
            Kind = document.RootElement.GetProperty("$type").GetString()!,
            At = roomEvent.At,
            Payload = payload,
        };
    }

    public RoomEvent ToEvent() => JsonSerializer.Deserialize<RoomEvent>(Payload, Json)!;
}
