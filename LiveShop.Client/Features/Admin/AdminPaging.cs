namespace LiveShop.Client.Features.Admin;

/// <summary>The administrator's lists come 50 a page (the server's page size).</summary>
public static class AdminPaging
{
    public const int PageSize = 50;

    public static int PageCount(int total) => Math.Max(1, (total + PageSize - 1) / PageSize);
}
