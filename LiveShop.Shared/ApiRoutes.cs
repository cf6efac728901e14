namespace LiveShop.Shared;

/// <summary>REST routes, shared so the client never spells a URL twice.</summary>
public static class ApiRoutes
{
    public const string Shows = "/api/shows";
    public const string Catalog = "/api/catalog";
    public const string Account = "/api/account";

    public static string Show(Guid id) => $"{Shows}/{id}";
    public static string GoLive(Guid id) => $"{Shows}/{id}/go-live";
    public static string EndShow(Guid id) => $"{Shows}/{id}/end";
    public const string MyShows = Shows + "/mine";
    public const string Products = Catalog + "/products";
    public static string Product(Guid id) => $"{Products}/{id}";

    public const string SignIn = Account + "/sign-in";
    public const string Register = Account + "/register";
    public const string Guest = Account + "/guest";
    public const string SignOut = Account + "/sign-out";
    public const string Me = Account + "/me";
}
