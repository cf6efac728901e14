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

    public const string Orders = "/api/orders";
    public static string Order(Guid id) => $"{Orders}/{id}";

    /// <summary>The caller's order placed with the <see cref="IdempotencyKeyHeader"/> sent (404 when that key placed none). Never creates one.</summary>
    public const string OrderByKey = "/api/orders/by-key";
    public static string OrderStatus(Guid id) => $"{Orders}/{id}/status";
    public static string CancelOrder(Guid id) => $"{Orders}/{id}/cancel";
    public static string RefundOrder(Guid id) => $"{Orders}/{id}/refunds";
    public static string OrderPayment(Guid id) => $"{Orders}/{id}/payment";
    public static string MarkOrderPaid(Guid id) => $"{Orders}/{id}/mark-paid";

    /// <summary>
    /// A gift's page for its recipient (no account needed) and accepting it, with the link's token in
    /// <see cref="GiftTokenHeader"/>: the token never travels in a URL the server sees (the page's link keeps it after
    /// <c>#</c>), so no access log holds it.
    /// </summary>
    public static string Gift(Guid orderId) => $"/api/gifts/{orderId:N}";
    public static string AcceptGift(Guid orderId) => $"{Gift(orderId)}/accept";
    public const string GiftTokenHeader = "X-Gift-Token";
    public static string ShowCheckout(Guid id) => $"{Shows}/{id}/checkout";
    public static string StripeWebhook(string shopSlug) => $"/api/payments/stripe/webhook/{Uri.EscapeDataString(shopSlug)}";
    public const string Profile = Account + "/profile";
    public const string Language = Account + "/language";
    public static string ShowSales(Guid id) => $"{Shows}/{id}/sales";
    public static string ShowOrders(Guid id) => $"{Shows}/{id}/orders";
    public static string ShowOrdersCsv(Guid id) => $"{Shows}/{id}/orders.csv";
    public static string ShowLinks(Guid id) => $"{Shows}/{id}/links";

    /// <summary>A show's stored chat, paged back by sequence: <c>?before=SEQ&amp;take=N</c>.</summary>
    public static string ShowChat(Guid id) => $"{Shows}/{id}/chat";
    public const string HostEarnings = "/api/host/earnings";
    public static string ShowVideo(Guid id) => $"{Shows}/{id}/video";
    public const string VideoOptions = "/api/video/options";
    public static string ShowAcsSession(Guid id) => $"{Shows}/{id}/video/acs-session";
    public static string ModerationSettings(Guid id) => $"{Shows}/{id}/moderation/settings";
    public static string ModerationAudit(Guid id) => $"{Shows}/{id}/moderation/audit";
    public static string Moderators(Guid id) => $"{Shows}/{id}/moderators";
    public static string Moderator(Guid id, Guid userId) => $"{Shows}/{id}/moderators/{userId}";

    /// <summary>A share link as visitors open it.</summary>
    public static string ShareLink(string code) => $"/r/{code}";

    /// <summary>The header that makes <c>POST /api/orders</c> idempotent.</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>A fresh antiforgery request token for the caller (see docs/security.md, "Cross-site requests").</summary>
    public const string Antiforgery = "/api/antiforgery";

    /// <summary>The header that carries the antiforgery request token on bodiless and multipart calls made with the sign-in cookie.</summary>
    public const string AntiforgeryHeader = "X-CSRF-TOKEN";

    public const string SignIn = Account + "/sign-in";
    public const string Register = Account + "/register";
    public const string Guest = Account + "/guest";
    public const string SignOut = Account + "/sign-out";
    public const string Me = Account + "/me";

    // Shops, their team and catalog (issue 11). Everything under a shop checks the caller's role in that shop.
    public const string Shops = "/api/shops";

    // Creators selling for brands (issue 17): the creator's own side; the brand's is under its shop.
    public const string Creator = "/api/creator";
    public const string CreatorProfile = "/api/creator/profile";
    public const string CreatorAvatar = "/api/creator/profile/avatar";
    public const string CreatorPrograms = "/api/creator/programs";
    public const string CreatorProducts = "/api/creator/products";
    public static string CreatorProgramJoin(Guid shopId) => $"{CreatorPrograms}/{shopId}";
    public const string CreatorShows = "/api/creator/shows";
    public const string CreatorLinks = "/api/creator/links";
    public const string CreatorResults = "/api/creator/results";
    public const string CreatorResultsCsv = "/api/creator/results.csv";
    public static string ShopCreatorResults(Guid shopId) => $"{Shops}/{shopId}/creator-results";
    public const string CreatorStatements = "/api/creator/statements";
    public static string ShopCreatorStatements(Guid shopId) => $"{Shops}/{shopId}/creator-statements";
    public const string CreatorStatementsCsv = "/api/creator/statements.csv";
    public static string ShopCreatorStatementsCsv(Guid shopId) => $"{Shops}/{shopId}/creator-statements.csv";
    public static string ShopCreatorStatementPaid(Guid shopId, Guid creatorId) => $"{Shops}/{shopId}/creator-statements/{creatorId}/paid";
    public static string ShopCreatorProgram(Guid shopId) => $"{Shops}/{shopId}/creator-program";
    public static string ShopCreators(Guid shopId) => $"{Shops}/{shopId}/creators";
    public static string ShopCreator(Guid shopId, Guid creatorId) => $"{Shops}/{shopId}/creators/{creatorId}";

    // Stores and their staff (issue 17): the shop's side, and a staff member's own.
    public static string ShopStores(Guid shopId) => $"{Shops}/{shopId}/stores";
    public static string ShopStore(Guid shopId, Guid storeId) => $"{Shops}/{shopId}/stores/{storeId}";
    public static string ShopStoreStaff(Guid shopId, Guid storeId) => $"{Shops}/{shopId}/stores/{storeId}/staff";
    public static string ShopStoreStaffMember(Guid shopId, Guid storeId, Guid userId) => $"{Shops}/{shopId}/stores/{storeId}/staff/{userId}";
    public static string ShopStoreLeaderboard(Guid shopId) => $"{Shops}/{shopId}/store-leaderboard";
    public const string Staff = "/api/staff";
    public const string StaffLinks = "/api/staff/links";
    public const string StaffResults = "/api/staff/results";
    public static string StaffLinkQr(string code) => $"{StaffLinks}/{code}/qr.svg";
    public static string StaffLink(string code) => $"{StaffLinks}/{code}";
    public static string Shop(Guid shopId) => $"{Shops}/{shopId}";
    public static string ShopMembers(Guid shopId) => $"{Shops}/{shopId}/members";
    public static string ShopMember(Guid shopId, Guid userId) => $"{Shops}/{shopId}/members/{userId}";
    public static string ShopInvitations(Guid shopId) => $"{Shops}/{shopId}/invitations";
    public static string ShopInvitation(Guid shopId, Guid invitationId) => $"{Shops}/{shopId}/invitations/{invitationId}";
    public static string ShopShows(Guid shopId) => $"{Shops}/{shopId}/shows";
    public static string ShopProducts(Guid shopId) => $"{Shops}/{shopId}/products";
    public static string ShopProduct(Guid shopId, Guid productId) => $"{Shops}/{shopId}/products/{productId}";
    public static string DuplicateProduct(Guid shopId, Guid productId) => $"{ShopProduct(shopId, productId)}/duplicate";
    public static string ArchiveProduct(Guid shopId, Guid productId) => $"{ShopProduct(shopId, productId)}/archive";
    public static string ProductStock(Guid shopId, Guid productId) => $"{ShopProduct(shopId, productId)}/stock";
    public static string ProductPhotos(Guid shopId, Guid productId) => $"{ShopProduct(shopId, productId)}/photos";
    public static string ProductPhoto(Guid shopId, Guid productId, Guid photoId) => $"{ProductPhotos(shopId, productId)}/{photoId}";
    public static string ShopPayments(Guid shopId) => $"{Shops}/{shopId}/payments";

    // Outbound webhooks (issue 12 part 5): see docs/webhooks.md.
    public static string ShopWebhooks(Guid shopId) => $"{Shops}/{shopId}/webhooks";
    public static string ShopWebhook(Guid shopId, Guid endpointId) => $"{ShopWebhooks(shopId)}/{endpointId}";
    public static string ShopWebhookSecret(Guid shopId, Guid endpointId) => $"{ShopWebhook(shopId, endpointId)}/secret";
    public static string ShopWebhookTest(Guid shopId, Guid endpointId) => $"{ShopWebhook(shopId, endpointId)}/test";
    public static string ShopWebhookDeliveries(Guid shopId, Guid endpointId) => $"{ShopWebhook(shopId, endpointId)}/deliveries";
    public static string ShopWebhookResend(Guid shopId, Guid endpointId, Guid deliveryId) => $"{ShopWebhookDeliveries(shopId, endpointId)}/{deliveryId}/resend";

    public static string ShopOrders(Guid shopId) => $"{Shops}/{shopId}/orders";
    public static string FulfilOrders(Guid shopId) => $"{Shops}/{shopId}/orders/fulfil";
    public static string PickList(Guid shopId) => $"{Shops}/{shopId}/orders/pick-list";
    public static string PackingSlips(Guid shopId) => $"{Shops}/{shopId}/orders/packing-slips";
    public static string CatalogCsv(Guid shopId) => $"{Shops}/{shopId}/catalog.csv";
    public static string CatalogImport(Guid shopId, bool apply) => $"{Shops}/{shopId}/catalog/import?apply={(apply ? "true" : "false")}";

    /// <summary>An invitation as its link opens it (the token is the secret in the e-mailed link).</summary>
    public static string Invitation(string token) => $"/api/invitations/{Uri.EscapeDataString(token)}";
    public const string AcceptInvitation = "/api/invitations/accept";

    /// <summary>First run: <c>GET</c> says whether it is needed, <c>POST</c> claims it with the token from the server's log.</summary>
    public const string Setup = "/api/setup";

    public const string Admin = "/api/admin";
    public const string AdminShops = Admin + "/shops";
    public const string AdminUsers = Admin + "/users";
    public static string AdminShopSuspension(Guid shopId) => $"{AdminShops}/{shopId}/suspension";
    public static string AdminUserSuspension(Guid userId) => $"{AdminUsers}/{userId}/suspension";
    public static string AdminUserModerator(Guid userId) => $"{AdminUsers}/{userId}/moderator";

    // Accounts that recover by e-mail (issue 11): see docs/decisions.md "Accounts and e-mail".
    public const string AccountEmail = Account + "/email";
    public const string ForgotPassword = Account + "/forgot-password";
    public const string ResetPassword = Account + "/reset-password";
    public const string ConfirmEmail = Account + "/confirm-email";
    public const string ResendConfirmation = Account + "/resend-confirmation";
    public const string ChangePassword = Account + "/change-password";
    public const string ChangeEmail = Account + "/change-email";
    public const string ConfirmEmailChange = Account + "/confirm-email-change";
    public const string DeleteAccount = Account + "/delete";
}
