namespace LiveShop.Client.Services;

/// <summary>Keeps return URLs on this site, so a crafted sign-in link cannot send people elsewhere.</summary>
public static class SafeReturn
{
    public static string Path(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : "/";
}
