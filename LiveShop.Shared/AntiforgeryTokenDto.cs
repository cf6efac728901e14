namespace LiveShop.Shared;

/// <summary>
/// The answer of <see cref="ApiRoutes.Antiforgery"/>: a request token for the signed-in caller, sent back in the
/// <paramref name="HeaderName"/> header on calls with the sign-in cookie that are not JSON (bodiless POSTs, uploads).
/// </summary>
public sealed record AntiforgeryTokenDto(string Token, string HeaderName);
