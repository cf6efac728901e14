namespace LiveShop.Shared.Accounts;

public sealed record SignInRequest(string Email, string Password, bool RememberMe);

public sealed record RegisterRequest(string Email, string Password, string DisplayName, bool AsHost);

public sealed record GuestRequest(string DisplayName);

/// <summary>Who the caller is. <see cref="IsAuthenticated"/> is false for anonymous visitors.</summary>
public sealed record CurrentUserDto(
    bool IsAuthenticated,
    Guid? Id,
    string? DisplayName,
    string? Email,
    bool IsGuest,
    IReadOnlyList<string> Roles);

/// <summary>The language picked in the app bar: en, zh-TW, zh-CN or el.</summary>
public sealed record LanguageChoice(string Language);
