using System.Text.Json;
using System.Text.Json.Serialization;
using LiveShop.Shared.Realtime;

namespace LiveShop.Server.Realtime;

/// <summary>A room event as stored: its show, sequence, kind and the event itself as JSON.</summary>
public sealed class RoomEventRecord
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Each event type's kind, read once from the <see cref="JsonDerivedTypeAttribute"/>s on <see cref="RoomEvent"/>.</summary>
    private static readonly Dictionary<Type, string> Kinds = typeof(RoomEvent)
        .GetCustomAttributes(typeof(JsonDerivedTypeAttribute), inherit: false)
        .Cast<JsonDerivedTypeAttribute>()
        .ToDictionary(a => a.DerivedType, a => (string)a.TypeDiscriminator!);

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

    /// <summary>What the event is about, to find it again: the message id of a chat line, the question's id.</summary>
    public Guid? SubjectId { get; private set; }

    public static RoomEventRecord From(Guid showId, RoomEvent roomEvent)
    {
        return new RoomEventRecord
        {
            ShowId = showId,
            Sequence = roomEvent.Sequence,
            Kind = Kinds[roomEvent.GetType()],
            At = roomEvent.At,
            Payload = JsonSerializer.Serialize(roomEvent, Json),
            SubjectId = roomEvent switch
            {
                ChatPostedEvent chat => chat.Message.Id,
                QuestionChangedEvent question => question.Question.Id,
                _ => null,
            },
        };
    }

    /// <summary>
    /// Replaces a deleted chat line's stored event with a <see cref="ChatDeletedEvent"/> at the same
    /// sequence: the sequence keeps no gap, and the text is never sent again (the audit keeps it).
    /// </summary>
    public void Redact(Guid messageId)
    {
        var redacted = new ChatDeletedEvent(Sequence, At, messageId);
        Kind = Kinds[typeof(ChatDeletedEvent)];
        Payload = JsonSerializer.Serialize<RoomEvent>(redacted, Json);
    }

    /// <summary>Replaces a dismissed question's stored event with its redacted final copy (same sequence, no text, no author).</summary>
    public void Redact(Shared.Moderation.QuestionDto redacted) =>
        Payload = JsonSerializer.Serialize<RoomEvent>(new QuestionChangedEvent(Sequence, At, redacted), Json);

    public RoomEvent ToEvent() => JsonSerializer.Deserialize<RoomEvent>(Payload, Json)!;
}
