namespace LiveShop.Client.Pages.Account;

/// <summary>Where a page that follows a mailed link is.</summary>
public enum LinkState
{
    Working,
    Done,
    Failed,
}
