namespace LiveShop.Shared.Video;

/// <summary>
/// What the browser needs to join a show's Azure Communication Services Room: the room, the caller's
/// ACS user id and a short-lived token (scope <c>voip</c>), and the caller's role there —
/// <c>Presenter</c> for the show's host and co-host, <c>Consumer</c> (receive only) for every viewer.
/// </summary>
public sealed record AcsSessionDto(string RoomId, string UserId, string Token, DateTimeOffset ExpiresOn, string Role)
{
    public bool IsPresenter => Role == "Presenter";
}
