using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
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
/// <remarks>
/// Every body is read and written with <see cref="LiveShopJsonContext"/> (source-generated, survives trimming); a
/// type missing there does not compile here. Never call the reflection overloads (<c>ReadFromJsonAsync&lt;T&gt;()</c>):
/// the trim analyzer turns them into build errors in this project.
/// </remarks>
public sealed partial class ApiClient(HttpClient http)
{
    private static readonly LiveShopJsonContext Json = LiveShopJsonContext.Default;

    public Task<CurrentUserDto> SignInAsync(SignInRequest request) => PostAsync(ApiRoutes.SignIn, request, Json.SignInRequest, Json.CurrentUserDto);

    public Task<CurrentUserDto> RegisterAsync(RegisterRequest request) => PostAsync(ApiRoutes.Register, request, Json.RegisterRequest, Json.CurrentUserDto);

    public Task<CurrentUserDto> ContinueAsGuestAsync(GuestRequest request) => PostAsync(ApiRoutes.Guest, request, Json.GuestRequest, Json.CurrentUserDto);

    /// <summary>Keeps the language picked in the app bar (cookie, and the profile when signed in); the page then reloads in it.</summary>
    public Task ChooseLanguageAsync(string language) => SendAsync(HttpMethod.Post, ApiRoutes.Language, new LanguageChoice(language), Json.LanguageChoice);

    public async Task SignOutAsync() => await EnsureAsync(await http.PostAsync(ApiRoutes.SignOut, content: null));

    public Task<ShowDetailDto> CreateShowAsync(CreateShowRequest request) => PostAsync(ApiRoutes.Shows, request, Json.CreateShowRequest, Json.ShowDetailDto);

    public Task<ShowListDto> ListShowsAsync() => GetAsync(ApiRoutes.Shows, Json.ShowListDto);

    public Task<ShowDetailDto> GetShowAsync(Guid id) => GetAsync(ApiRoutes.Show(id), Json.ShowDetailDto);

    public Task<IReadOnlyList<ShowSummaryDto>> MyShowsAsync() => GetAsync(ApiRoutes.MyShows, Json.IReadOnlyListShowSummaryDto);

    public Task<IReadOnlyList<ProductDto>> ProductsAsync(string? currency) =>
        GetAsync(currency is null ? ApiRoutes.Products : $"{ApiRoutes.Products}?currency={Uri.EscapeDataString(currency)}", Json.IReadOnlyListProductDto);

    /// <summary>Places an order. The same <paramref name="idempotencyKey"/> always answers with the same order.</summary>
    public async Task<OrderDto> PlaceOrderAsync(PlaceOrderRequest request, string idempotencyKey)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, ApiRoutes.Orders) { Content = JsonContent.Create(request, Json.PlaceOrderRequest) };
        message.Headers.Add(ApiRoutes.IdempotencyKeyHeader, idempotencyKey);
        return await ReadAsync(await http.SendAsync(message), Json.OrderDto);
    }

    /// <summary>The caller's order placed by the attempt with this key, or null when that attempt placed none. Never places one.</summary>
    public async Task<OrderDto?> OrderByKeyAsync(string idempotencyKey)
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, ApiRoutes.OrderByKey);
        message.Headers.Add(ApiRoutes.IdempotencyKeyHeader, idempotencyKey);
        using var response = await http.SendAsync(message);
        return response.StatusCode == HttpStatusCode.NotFound ? null : await ReadAsync(response, Json.OrderDto);
    }

    public Task<IReadOnlyList<OrderDto>> MyOrdersAsync() => GetAsync(ApiRoutes.Orders, Json.IReadOnlyListOrderDto);

    public Task<OrderDto> GetOrderAsync(Guid id) => GetAsync(ApiRoutes.Order(id), Json.OrderDto);

    /// <summary>What the show's checkout takes (methods, test mode, a notice for the buyer).</summary>
    public Task<CheckoutOptionsDto> CheckoutOptionsAsync(Guid showId) => GetAsync(ApiRoutes.ShowCheckout(showId), Json.CheckoutOptionsDto);

    /// <summary>The buyer's order with its payment session (or transfer instructions): a reload resumes paying.</summary>
    public Task<OrderDto> OrderPaymentAsync(Guid orderId) => GetAsync(ApiRoutes.OrderPayment(orderId), Json.OrderDto);

    /// <summary>After the browser confirmed with Stripe: LiveShop asks the processor now and records the answer.</summary>
    public async Task<OrderDto> ConfirmOrderPaymentAsync(Guid orderId) => await ReadAsync(await http.PostAsync(ApiRoutes.OrderPayment(orderId), null), Json.OrderDto);

    public Task<OrderDto> ChangeOrderStatusAsync(Guid id, OrderStatus status) =>
        PostAsync(ApiRoutes.OrderStatus(id), new ChangeOrderStatusRequest(status), Json.ChangeOrderStatusRequest, Json.OrderDto);

    public Task<ProfileDto> ProfileAsync() => GetAsync(ApiRoutes.Profile, Json.ProfileDto);

    public async Task<ProfileDto> UpdateProfileAsync(UpdateProfileRequest request) =>
        await ReadAsync(await http.PutAsJsonAsync(ApiRoutes.Profile, request, Json.UpdateProfileRequest), Json.ProfileDto);

    public Task<SalesDashboardDto> SalesAsync(Guid showId) => GetAsync(ApiRoutes.ShowSales(showId), Json.SalesDashboardDto);

    public Task<IReadOnlyList<OrderDto>> ShowOrdersAsync(Guid showId) => GetAsync(ApiRoutes.ShowOrders(showId), Json.IReadOnlyListOrderDto);

    public Task<IReadOnlyList<ShareLinkDto>> ShareLinksAsync(Guid showId) => GetAsync(ApiRoutes.ShowLinks(showId), Json.IReadOnlyListShareLinkDto);

    public Task<ShareLinkDto> CreateShareLinkAsync(Guid showId, Guid? productId) =>
        PostAsync(ApiRoutes.ShowLinks(showId), new CreateShareLinkRequest(productId), Json.CreateShareLinkRequest, Json.ShareLinkDto);

    public Task<EarningsReportDto> EarningsAsync(DateTimeOffset from, DateTimeOffset to) =>
        GetAsync($"{ApiRoutes.HostEarnings}?from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(to.ToString("O"))}", Json.EarningsReportDto);

    public Task<ModerationSettingsDto> ModerationSettingsAsync(Guid showId) => GetAsync(ApiRoutes.ModerationSettings(showId), Json.ModerationSettingsDto);

    public async Task<ModerationSettingsDto> UpdateModerationSettingsAsync(Guid showId, ModerationSettingsDto settings) =>
        await ReadAsync(await http.PutAsJsonAsync(ApiRoutes.ModerationSettings(showId), settings, Json.ModerationSettingsDto), Json.ModerationSettingsDto);

    public Task<ModeratorsDto> ModeratorsAsync(Guid showId) => GetAsync(ApiRoutes.Moderators(showId), Json.ModeratorsDto);

    public Task<AddModeratorAnswerDto> AddModeratorAsync(Guid showId, AddModeratorRequest request) =>
        PostAsync(ApiRoutes.Moderators(showId), request, Json.AddModeratorRequest, Json.AddModeratorAnswerDto);

    public async Task RemoveModeratorAsync(Guid showId, Guid userId) => await EnsureAsync(await http.DeleteAsync(ApiRoutes.Moderator(showId, userId)));

    /// <summary>The show's moderation log, newest first (its host and co-host only).</summary>
    public Task<IReadOnlyList<ModerationAuditDto>> ModerationAuditAsync(Guid showId) => GetAsync(ApiRoutes.ModerationAudit(showId), Json.IReadOnlyListModerationAuditDto);

    /// <summary>Which video sources this server offers (ACS only when configured, with the reason when not).</summary>
    public Task<VideoOptionsDto> VideoOptionsAsync() => GetAsync(ApiRoutes.VideoOptions, Json.VideoOptionsDto);

    /// <summary>The host changes a scheduled show's video source; waiting viewers switch to it.</summary>
    public async Task<VideoChangedEvent> ChangeVideoSourceAsync(Guid showId, ChangeVideoSourceRequest request) =>
        await ReadAsync(await http.PutAsJsonAsync(ApiRoutes.ShowVideo(showId), request, Json.ChangeVideoSourceRequest), Json.VideoChangedEvent);

    /// <summary>The caller's ticket into the show's Azure Communication Services Room (Presenter for the host, Consumer for viewers).</summary>
    public async Task<AcsSessionDto> StartAcsSessionAsync(Guid showId) =>
        await ReadAsync(await http.PostAsync(ApiRoutes.ShowAcsSession(showId), content: null), Json.AcsSessionDto);

    private async Task<T> GetAsync<T>(string url, JsonTypeInfo<T> answer) => await ReadAsync(await http.GetAsync(url), answer);

    private async Task<TResponse> PostAsync<TRequest, TResponse>(string url, TRequest body, JsonTypeInfo<TRequest> request, JsonTypeInfo<TResponse> answer) =>
        await ReadAsync(await http.PostAsJsonAsync(url, body, request), answer);

    private async Task<TResponse> PutAsync<TRequest, TResponse>(string url, TRequest body, JsonTypeInfo<TRequest> request, JsonTypeInfo<TResponse> answer) =>
        await ReadAsync(await http.PutAsJsonAsync(url, body, request), answer);

    /// <summary>A call whose answer has no body to read (204): only a refusal matters.</summary>
    private async Task SendAsync<TRequest>(HttpMethod method, string url, TRequest body, JsonTypeInfo<TRequest> request) =>
        await EnsureAsync(await http.SendAsync(new HttpRequestMessage(method, url) { Content = JsonContent.Create(body, request) }));

    private async Task DeleteAsync(string url) => await EnsureAsync(await http.DeleteAsync(url));

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> answer)
    {
        await EnsureAsync(response);
        return await response.Content.ReadFromJsonAsync(answer) ?? throw new ApiException(response.StatusCode, "empty-response", "The server sent an empty answer.");
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
    public Task<AccountEmailDto> AccountEmailAsync() => GetAsync(ApiRoutes.AccountEmail, Json.AccountEmailDto);

    /// <summary>Asks for a reset mail. The server answers the same whether or not the address has an account.</summary>
    public async Task ForgotPasswordAsync(ForgotPasswordRequest request) => await SendAsync(HttpMethod.Post, ApiRoutes.ForgotPassword, request, Json.ForgotPasswordRequest);

    public async Task ResetPasswordAsync(ResetPasswordRequest request) => await SendAsync(HttpMethod.Post, ApiRoutes.ResetPassword, request, Json.ResetPasswordRequest);

    public async Task ConfirmEmailAsync(ConfirmEmailRequest request) => await SendAsync(HttpMethod.Post, ApiRoutes.ConfirmEmail, request, Json.ConfirmEmailRequest);

    public async Task ResendConfirmationAsync() => await EnsureAsync(await http.PostAsync(ApiRoutes.ResendConfirmation, content: null));

    public async Task ChangePasswordAsync(ChangePasswordRequest request) => await SendAsync(HttpMethod.Post, ApiRoutes.ChangePassword, request, Json.ChangePasswordRequest);

    /// <summary>Mails a link to the new address; the address changes only when that link is opened.</summary>
    public async Task ChangeEmailAsync(ChangeEmailRequest request) => await SendAsync(HttpMethod.Post, ApiRoutes.ChangeEmail, request, Json.ChangeEmailRequest);

    public async Task ConfirmEmailChangeAsync(ConfirmEmailChangeRequest request) => await SendAsync(HttpMethod.Post, ApiRoutes.ConfirmEmailChange, request, Json.ConfirmEmailChangeRequest);

    /// <summary>Deletes the signed-in account (and signs it out).</summary>
    public async Task DeleteAccountAsync(DeleteAccountRequest request) => await SendAsync(HttpMethod.Post, ApiRoutes.DeleteAccount, request, Json.DeleteAccountRequest);
}
