using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveShop.Shared;
using LiveShop.Shared.Accounts;
using LiveShop.Shared.Catalog;
using LiveShop.Shared.Moderation;
using LiveShop.Shared.Orders;
using LiveShop.Shared.Realtime;
using LiveShop.Shared.Sales;
using LiveShop.Shared.Shows;
using LiveShop.Shared.Video;

namespace LiveShop.Client.Services;

/// <summary>A refusal from the server: its stable code and the sentence to show.</summary>
public sealed class ApiException(HttpStatusCode status, string code, string message, JsonElement? problem = null) : Exception(message)
{
    public HttpStatusCode Status { get; } = status;

    public string Code { get; } = code;

    /// <summary>The whole ProblemDetails body, for extensions such as <c>currentPrice</c>.</summary>
    public JsonElement? Problem { get; } = problem;

    /// <summary>A decimal extension of the problem (e.g. <c>currentPrice</c> on price-changed), if present.</summary>
    public decimal? DecimalExtension(string name) =>
        Problem is { ValueKind: JsonValueKind.Object } p && p.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDecimal() : null;

    /// <summary>A whole-number extension of the problem (e.g. <c>held</c> on per-buyer-cap-reached), if present.</summary>
    public int? IntExtension(string name) =>
        Problem is { ValueKind: JsonValueKind.Object } p && p.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : null;

    /// <summary>A Guid extension of the problem (e.g. <c>productId</c>), if present.</summary>
    public Guid? GuidExtension(string name) =>
        Problem is { ValueKind: JsonValueKind.Object } p && p.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && Guid.TryParse(v.GetString(), out var g) ? g : null;
}

/// <summary>The REST API as the browser calls it. Every failure becomes an <see cref="ApiException"/> with the server's sentence.</summary>
public sealed partial class ApiClient(HttpClient http)
{
    public Task<CurrentUserDto> SignInAsync(SignInRequest request) => PostAsync<SignInRequest, CurrentUserDto>(ApiRoutes.SignIn, request);

    public Task<CurrentUserDto> RegisterAsync(RegisterRequest request) => PostAsync<RegisterRequest, CurrentUserDto>(ApiRoutes.Register, request);

    public Task<CurrentUserDto> ContinueAsGuestAsync(GuestRequest request) => PostAsync<GuestRequest, CurrentUserDto>(ApiRoutes.Guest, request);

    public async Task SignOutAsync() => await EnsureAsync(await http.PostAsync(ApiRoutes.SignOut, content: null));

    public Task<ShowDetailDto> CreateShowAsync(CreateShowRequest request) => PostAsync<CreateShowRequest, ShowDetailDto>(ApiRoutes.Shows, request);

    public Task<ShowListDto> ListShowsAsync() => GetAsync<ShowListDto>(ApiRoutes.Shows);

    public Task<ShowDetailDto> GetShowAsync(Guid id) => GetAsync<ShowDetailDto>(ApiRoutes.Show(id));

    public Task<IReadOnlyList<ShowSummaryDto>> MyShowsAsync() => GetAsync<IReadOnlyList<ShowSummaryDto>>(ApiRoutes.MyShows);

    public Task<IReadOnlyList<ProductDto>> ProductsAsync(string? currency) =>
        GetAsync<IReadOnlyList<ProductDto>>(currency is null ? ApiRoutes.Products : $"{ApiRoutes.Products}?currency={Uri.EscapeDataString(currency)}");

    /// <summary>Places an order. The same <paramref name="idempotencyKey"/> always answers with the same order.</summary>
    public async Task<OrderDto> PlaceOrderAsync(PlaceOrderRequest request, string idempotencyKey)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, ApiRoutes.Orders) { Content = JsonContent.Create(request) };
        message.Headers.Add(ApiRoutes.IdempotencyKeyHeader, idempotencyKey);
        return await ReadAsync<OrderDto>(await http.SendAsync(message));
    }

    /// <summary>The caller's order placed by the attempt with this key, or null when that attempt placed none. Never places one.</summary>
    public async Task<OrderDto?> OrderByKeyAsync(string idempotencyKey)
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, ApiRoutes.OrderByKey);
        message.Headers.Add(ApiRoutes.IdempotencyKeyHeader, idempotencyKey);
        using var response = await http.SendAsync(message);
        return response.StatusCode == HttpStatusCode.NotFound ? null : await ReadAsync<OrderDto>(response);
    }

    public Task<IReadOnlyList<OrderDto>> MyOrdersAsync() => GetAsync<IReadOnlyList<OrderDto>>(ApiRoutes.Orders);

    public Task<OrderDto> GetOrderAsync(Guid id) => GetAsync<OrderDto>(ApiRoutes.Order(id));

    public Task<OrderDto> ChangeOrderStatusAsync(Guid id, OrderStatus status) =>
        PostAsync<ChangeOrderStatusRequest, OrderDto>(ApiRoutes.OrderStatus(id), new ChangeOrderStatusRequest(status));

    public Task<ProfileDto> ProfileAsync() => GetAsync<ProfileDto>(ApiRoutes.Profile);

    public async Task<ProfileDto> UpdateProfileAsync(UpdateProfileRequest request) =>
        await ReadAsync<ProfileDto>(await http.PutAsJsonAsync(ApiRoutes.Profile, request));

    public Task<SalesDashboardDto> SalesAsync(Guid showId) => GetAsync<SalesDashboardDto>(ApiRoutes.ShowSales(showId));

    public Task<IReadOnlyList<OrderDto>> ShowOrdersAsync(Guid showId) => GetAsync<IReadOnlyList<OrderDto>>(ApiRoutes.ShowOrders(showId));

    public Task<IReadOnlyList<ShareLinkDto>> ShareLinksAsync(Guid showId) => GetAsync<IReadOnlyList<ShareLinkDto>>(ApiRoutes.ShowLinks(showId));

    public Task<ShareLinkDto> CreateShareLinkAsync(Guid showId, Guid? productId) =>
        PostAsync<CreateShareLinkRequest, ShareLinkDto>(ApiRoutes.ShowLinks(showId), new CreateShareLinkRequest(productId));

    public Task<EarningsReportDto> EarningsAsync(DateTimeOffset from, DateTimeOffset to) =>
        GetAsync<EarningsReportDto>($"{ApiRoutes.HostEarnings}?from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(to.ToString("O"))}");

    public Task<ModerationSettingsDto> ModerationSettingsAsync(Guid showId) => GetAsync<ModerationSettingsDto>(ApiRoutes.ModerationSettings(showId));

    public async Task<ModerationSettingsDto> UpdateModerationSettingsAsync(Guid showId, ModerationSettingsDto settings) =>
        await ReadAsync<ModerationSettingsDto>(await http.PutAsJsonAsync(ApiRoutes.ModerationSettings(showId), settings));

    public Task<ModeratorsDto> ModeratorsAsync(Guid showId) => GetAsync<ModeratorsDto>(ApiRoutes.Moderators(showId));

    public Task<ShowModeratorDto> AddModeratorAsync(Guid showId, string email) =>
        PostAsync<AddModeratorRequest, ShowModeratorDto>(ApiRoutes.Moderators(showId), new AddModeratorRequest(email));

    public async Task RemoveModeratorAsync(Guid showId, Guid userId) => await EnsureAsync(await http.DeleteAsync(ApiRoutes.Moderator(showId, userId)));

    /// <summary>The show's moderation log, newest first (its host and co-host only).</summary>
    public Task<IReadOnlyList<ModerationAuditDto>> ModerationAuditAsync(Guid showId) => GetAsync<IReadOnlyList<ModerationAuditDto>>(ApiRoutes.ModerationAudit(showId));

    /// <summary>Which video sources this server offers (ACS only when configured, with the reason when not).</summary>
    public Task<VideoOptionsDto> VideoOptionsAsync() => GetAsync<VideoOptionsDto>(ApiRoutes.VideoOptions);

    /// <summary>The host changes a scheduled show's video source; waiting viewers switch to it.</summary>
    public async Task<VideoChangedEvent> ChangeVideoSourceAsync(Guid showId, ChangeVideoSourceRequest request) =>
        await ReadAsync<VideoChangedEvent>(await http.PutAsJsonAsync(ApiRoutes.ShowVideo(showId), request));

    /// <summary>The caller's ticket into the show's Azure Communication Services Room (Presenter for the host, Consumer for viewers).</summary>
    public Task<AcsSessionDto> StartAcsSessionAsync(Guid showId) => PostAsync<object?, AcsSessionDto>(ApiRoutes.ShowAcsSession(showId), null);

    private async Task<T> GetAsync<T>(string url) => await ReadAsync<T>(await http.GetAsync(url));

    private async Task<TResponse> PostAsync<TRequest, TResponse>(string url, TRequest body) =>
        await ReadAsync<TResponse>(await http.PostAsJsonAsync(url, body));

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response)
    {
        await EnsureAsync(response);
        return await response.Content.ReadFromJsonAsync<T>() ?? throw new ApiException(response.StatusCode, "empty-response", "The server sent an empty answer.");
    }

    private static async Task EnsureAsync(HttpResponseMessage response)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var code = "http-" + (int)response.StatusCode;
        var message = $"The server answered {(int)response.StatusCode} {response.ReasonPhrase}.";
        JsonElement? body = null;
        try
        {
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            body = problem.RootElement.Clone();
            if (problem.RootElement.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String)
            {
                code = c.GetString()!;
            }

            if (problem.RootElement.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String)
            {
                message = d.GetString()!;
            }
        }
        catch (JsonException)
        {
            // Not a ProblemDetails body: keep the status line.
        }

        throw new ApiException(response.StatusCode, code, message, body);
    }

    // Accounts by e-mail (issue 11): confirmation, forgot/reset password, change password or e-mail, delete.

    /// <summary>The signed-in account's e-mail, whether it is confirmed, and whether the server can send mail.</summary>
    public Task<AccountEmailDto> AccountEmailAsync() => GetAsync<AccountEmailDto>(ApiRoutes.AccountEmail);

    /// <summary>Asks for a reset mail. The server answers the same whether or not the address has an account.</summary>
    public async Task ForgotPasswordAsync(ForgotPasswordRequest request) => await EnsureAsync(await http.PostAsJsonAsync(ApiRoutes.ForgotPassword, request));

    public async Task ResetPasswordAsync(ResetPasswordRequest request) => await EnsureAsync(await http.PostAsJsonAsync(ApiRoutes.ResetPassword, request));

    public async Task ConfirmEmailAsync(ConfirmEmailRequest request) => await EnsureAsync(await http.PostAsJsonAsync(ApiRoutes.ConfirmEmail, request));

    public async Task ResendConfirmationAsync() => await EnsureAsync(await http.PostAsync(ApiRoutes.ResendConfirmation, content: null));

    public async Task ChangePasswordAsync(ChangePasswordRequest request) => await EnsureAsync(await http.PostAsJsonAsync(ApiRoutes.ChangePassword, request));

    /// <summary>Mails a link to the new address; the address changes only when that link is opened.</summary>
    public async Task ChangeEmailAsync(ChangeEmailRequest request) => await EnsureAsync(await http.PostAsJsonAsync(ApiRoutes.ChangeEmail, request));

    public async Task ConfirmEmailChangeAsync(ConfirmEmailChangeRequest request) => await EnsureAsync(await http.PostAsJsonAsync(ApiRoutes.ConfirmEmailChange, request));

    /// <summary>Deletes the signed-in account (and signs it out).</summary>
    public async Task DeleteAccountAsync(DeleteAccountRequest request) => await EnsureAsync(await http.PostAsJsonAsync(ApiRoutes.DeleteAccount, request));
}
