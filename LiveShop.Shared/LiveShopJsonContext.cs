using System.Text.Json;
using System.Text.Json.Serialization;
using LiveShop.Shared.Accounts;
using LiveShop.Shared.Catalog;
using LiveShop.Shared.Moderation;
using LiveShop.Shared.Orders;
using LiveShop.Shared.Realtime;
using LiveShop.Shared.Sales;
using LiveShop.Shared.Shops;
using LiveShop.Shared.Shows;
using LiveShop.Shared.Video;

namespace LiveShop.Shared;

/// <summary>
/// Source-generated JSON for <b>every type that crosses the wire</b>: REST bodies, SignalR hub arguments and
/// results (<see cref="ILiveShowHub"/>, <see cref="ILiveShowClient"/>), room events and prerendered component state.
/// </summary>
/// <remarks>
/// <para>
/// The published WebAssembly client is trimmed: reflection-based System.Text.Json cannot build a record whose
/// constructor (or its parameter names) the trimmer removed, so the browser would fail on e.g. <c>ShowListDto</c>.
/// Everything the client reads or writes goes through this context instead (see docs/decisions.md).
/// </para>
/// <para>
/// <b>Adding a DTO, request, event or hub argument?</b> Add a <c>[JsonSerializable(typeof(YourType))]</c> line
/// here (and one for any <c>IReadOnlyList&lt;YourType&gt;</c> sent as a whole). The server test
/// <c>LiveShopJsonContextTests</c> fails when a public record or enum of LiveShop.Shared, or a type in the hub
/// contracts, is missing.
/// </para>
/// </remarks>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
// Primitives the hub contracts send as arguments or answers.
[JsonSerializable(typeof(Guid))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(long?))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
// Accounts by e-mail
[JsonSerializable(typeof(ForgotPasswordRequest))]
[JsonSerializable(typeof(ResetPasswordRequest))]
[JsonSerializable(typeof(ConfirmEmailRequest))]
[JsonSerializable(typeof(ChangePasswordRequest))]
[JsonSerializable(typeof(ChangeEmailRequest))]
[JsonSerializable(typeof(ConfirmEmailChangeRequest))]
[JsonSerializable(typeof(DeleteAccountRequest))]
[JsonSerializable(typeof(AccountEmailDto))]
// Shops, team, setup, administration
[JsonSerializable(typeof(ShopRole))]
[JsonSerializable(typeof(ShopDto))]
[JsonSerializable(typeof(MyShopDto))]
[JsonSerializable(typeof(List<MyShopDto>))]
[JsonSerializable(typeof(IReadOnlyList<MyShopDto>))]
[JsonSerializable(typeof(ShopSettingsRequest))]
[JsonSerializable(typeof(ShopMemberDto))]
[JsonSerializable(typeof(List<ShopMemberDto>))]
[JsonSerializable(typeof(ChangeMemberRoleRequest))]
[JsonSerializable(typeof(InviteMemberRequest))]
[JsonSerializable(typeof(ShopInvitationDto))]
[JsonSerializable(typeof(List<ShopInvitationDto>))]
[JsonSerializable(typeof(InvitationPreviewDto))]
[JsonSerializable(typeof(AcceptInvitationRequest))]
[JsonSerializable(typeof(SetupStatusDto))]
[JsonSerializable(typeof(SetupRequest))]
[JsonSerializable(typeof(AdminShopDto))]
[JsonSerializable(typeof(PageDto<AdminShopDto>))]
[JsonSerializable(typeof(AdminUserDto))]
[JsonSerializable(typeof(PageDto<AdminUserDto>))]
[JsonSerializable(typeof(SuspendRequest))]
[JsonSerializable(typeof(GlobalModeratorRequest))]
// The back-office catalog
[JsonSerializable(typeof(ProductPhotoDto))]
[JsonSerializable(typeof(ShopProductDto))]
[JsonSerializable(typeof(PageDto<ShopProductDto>))]
[JsonSerializable(typeof(SaveProductRequest))]
[JsonSerializable(typeof(SaveVariantRequest))]
[JsonSerializable(typeof(ShopVariantDto))]
[JsonSerializable(typeof(ProductPriceDto))]
[JsonSerializable(typeof(List<ProductPriceDto>))]
[JsonSerializable(typeof(AdjustStockRequest))]
[JsonSerializable(typeof(StockAdjustmentDto))]
[JsonSerializable(typeof(List<StockAdjustmentDto>))]
[JsonSerializable(typeof(IReadOnlyList<StockAdjustmentDto>))]
[JsonSerializable(typeof(ArchiveProductRequest))]
[JsonSerializable(typeof(ReorderPhotosRequest))]
[JsonSerializable(typeof(CsvErrorDto))]
[JsonSerializable(typeof(CsvImportResultDto))]
// Accounts
[JsonSerializable(typeof(SignInRequest))]
[JsonSerializable(typeof(RegisterRequest))]
[JsonSerializable(typeof(GuestRequest))]
[JsonSerializable(typeof(CurrentUserDto))]
// Catalog
[JsonSerializable(typeof(ProductDto))]
[JsonSerializable(typeof(ProductVariantDto))]
[JsonSerializable(typeof(VariantStockDto))]
[JsonSerializable(typeof(IReadOnlyList<ProductDto>))]
// Shows
[JsonSerializable(typeof(ShowStatus))]
[JsonSerializable(typeof(VideoSourceKind))]
[JsonSerializable(typeof(VideoSourceDto))]
[JsonSerializable(typeof(HostDto))]
[JsonSerializable(typeof(ShowSummaryDto))]
[JsonSerializable(typeof(IReadOnlyList<ShowSummaryDto>))]
[JsonSerializable(typeof(LineupItemDto))]
[JsonSerializable(typeof(ShowDetailDto))]
[JsonSerializable(typeof(ShowListDto))]
[JsonSerializable(typeof(CreateShowRequest))]
[JsonSerializable(typeof(UpdateShowRequest))]
[JsonSerializable(typeof(ShowEditDto))]
// Orders
[JsonSerializable(typeof(OrderStatus))]
[JsonSerializable(typeof(PaymentMethod))]
[JsonSerializable(typeof(SalesChannel))]
[JsonSerializable(typeof(ShippingAddressDto))]
[JsonSerializable(typeof(PaymentDetailsDto))]
[JsonSerializable(typeof(PlaceOrderLine))]
[JsonSerializable(typeof(PlaceOrderRequest))]
[JsonSerializable(typeof(OrderLineDto))]
[JsonSerializable(typeof(OrderDto))]
[JsonSerializable(typeof(CheckoutOptionsDto))]
[JsonSerializable(typeof(CardProcessor))]
[JsonSerializable(typeof(OrderHistoryEntryDto))]
[JsonSerializable(typeof(PaymentSessionDto))]
[JsonSerializable(typeof(RefundLineRequest))]
[JsonSerializable(typeof(ShipmentDto))]
[JsonSerializable(typeof(ShopPaymentSettingsDto))]
[JsonSerializable(typeof(SaveShopPaymentSettingsRequest))]
[JsonSerializable(typeof(RefundRequest))]
[JsonSerializable(typeof(CancelOrderRequest))]
[JsonSerializable(typeof(IReadOnlyList<OrderDto>))]
[JsonSerializable(typeof(ProfileDto))]
[JsonSerializable(typeof(UpdateProfileRequest))]
[JsonSerializable(typeof(ChangeOrderStatusRequest))]
[JsonSerializable(typeof(FulfilOrdersRequest))]
[JsonSerializable(typeof(OrderTrackingRequest))]
[JsonSerializable(typeof(FulfilOrdersResultDto))]
[JsonSerializable(typeof(FulfilOrderOutcomeDto))]
[JsonSerializable(typeof(ShopOrdersPageDto))]
[JsonSerializable(typeof(OrderTotalsDto))]
[JsonSerializable(typeof(PickListDto))]
[JsonSerializable(typeof(PickListLineDto))]
[JsonSerializable(typeof(PackingSlipsDto))]
[JsonSerializable(typeof(PackingSlipDto))]
[JsonSerializable(typeof(PackingSlipLineDto))]
// Sales
[JsonSerializable(typeof(AttributionModel))]
[JsonSerializable(typeof(SalesSummaryDto))]
[JsonSerializable(typeof(TopProductDto))]
[JsonSerializable(typeof(FlashSaleResultDto))]
[JsonSerializable(typeof(MinutePointDto))]
[JsonSerializable(typeof(AttributionRowDto))]
[JsonSerializable(typeof(AttributionReportDto))]
[JsonSerializable(typeof(EarningShareDto))]
[JsonSerializable(typeof(EarningsDto))]
[JsonSerializable(typeof(SalesDashboardDto))]
[JsonSerializable(typeof(ShareLinkDto))]
[JsonSerializable(typeof(IReadOnlyList<ShareLinkDto>))]
[JsonSerializable(typeof(CreateShareLinkRequest))]
[JsonSerializable(typeof(ShowEarningsDto))]
[JsonSerializable(typeof(EarningsReportDto))]
[JsonSerializable(typeof(PurchaseToastDto))]
// Realtime: room events (polymorphic on "$type") and the hub's own records
[JsonSerializable(typeof(RoomEvent))]
[JsonSerializable(typeof(IReadOnlyList<RoomEvent>))]
[JsonSerializable(typeof(ShowStatusEvent))]
[JsonSerializable(typeof(PinsChangedEvent))]
[JsonSerializable(typeof(FlashSaleStartedEvent))]
[JsonSerializable(typeof(FlashSaleUpdatedEvent))]
[JsonSerializable(typeof(FlashSaleEndedEvent))]
[JsonSerializable(typeof(FlashSaleReopenedEvent))]
[JsonSerializable(typeof(ProductStockEvent))]
[JsonSerializable(typeof(ChatPostedEvent))]
[JsonSerializable(typeof(ReactionsEvent))]
[JsonSerializable(typeof(QuestionChangedEvent))]
[JsonSerializable(typeof(ChatDeletedEvent))]
[JsonSerializable(typeof(ChatSettingsEvent))]
[JsonSerializable(typeof(VideoChangedEvent))]
[JsonSerializable(typeof(FlashSaleEndReason))]
[JsonSerializable(typeof(FlashSaleDto))]
[JsonSerializable(typeof(ChatAuthorRole))]
[JsonSerializable(typeof(ChatMessageDto))]
[JsonSerializable(typeof(RoomSnapshot))]
[JsonSerializable(typeof(ProductStockDto))]
[JsonSerializable(typeof(JoinResult))]
[JsonSerializable(typeof(RoomStats))]
[JsonSerializable(typeof(StartFlashSaleRequest))]
[JsonSerializable(typeof(SendChatRequest))]
// Moderation
[JsonSerializable(typeof(QuestionStatus))]
[JsonSerializable(typeof(QuestionDto))]
[JsonSerializable(typeof(QuestionBoardDto))]
[JsonSerializable(typeof(AskQuestionRequest))]
[JsonSerializable(typeof(AnswerQuestionRequest))]
[JsonSerializable(typeof(ChatSettingsDto))]
[JsonSerializable(typeof(AnnouncementDto))]
[JsonSerializable(typeof(RestrictionKind))]
[JsonSerializable(typeof(RestrictionDto))]
[JsonSerializable(typeof(IReadOnlyList<RestrictionDto>))]
[JsonSerializable(typeof(RestrictionNoticeDto))]
[JsonSerializable(typeof(RestrictUserRequest))]
[JsonSerializable(typeof(HeldMessageStatus))]
[JsonSerializable(typeof(HeldMessageDto))]
[JsonSerializable(typeof(SendChatResult))]
[JsonSerializable(typeof(ShowModeratorDto))]
[JsonSerializable(typeof(ModerationStateDto))]
[JsonSerializable(typeof(ModerationSettingsDto))]
[JsonSerializable(typeof(ModeratorsDto))]
[JsonSerializable(typeof(AddModeratorRequest))]
[JsonSerializable(typeof(SetBlocklistRequest))]
[JsonSerializable(typeof(ModerationAuditDto))]
[JsonSerializable(typeof(IReadOnlyList<ModerationAuditDto>))]
// Video
[JsonSerializable(typeof(AcsSessionDto))]
[JsonSerializable(typeof(ChangeVideoSourceRequest))]
[JsonSerializable(typeof(IceServerDto))]
[JsonSerializable(typeof(VideoOptionsDto))]
[JsonSerializable(typeof(CameraIceCandidateDto))]
[JsonSerializable(typeof(CameraViewersDto))]
public sealed partial class LiveShopJsonContext : JsonSerializerContext;
