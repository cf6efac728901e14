namespace LiveShop.Shared;

/// <summary>
/// Stable codes carried in every ProblemDetails (<c>code</c> extension, and in <c>type</c> as
/// <c>https://liveshop.dev/problems/{code}</c>) and at the start of every HubException message.
/// Clients branch on these, never on the human-readable text.
/// </summary>
public static class ProblemCodes
{
    public const string TypeBase = "https://liveshop.dev/problems/";

    public const string ValidationFailed = "validation-failed";

    /// <summary>A rate limit (429 over HTTP, with Retry-After and <c>retryAfterSeconds</c>; the same code in a HubException).</summary>
    public const string RateLimited = "rate-limited";

    /// <summary>Text with characters that hide or reorder what others read (direction overrides).</summary>
    public const string TextInvalid = "text-invalid";

    /// <summary>An unsafe request from another site (foreign Origin, or a cookie-carrying form post without the token).</summary>
    public const string CrossSiteRefused = "cross-site-refused";
    public const string NotSignedIn = "not-signed-in";
    public const string Forbidden = "forbidden";
    public const string NotShowHost = "not-show-host";

    public const string ShowNotFound = "show-not-found";
    public const string ShowTitleInvalid = "show-title-invalid";
    public const string ShowDescriptionTooLong = "show-description-too-long";
    public const string ShowScheduleInvalid = "show-schedule-invalid";
    public const string ShowCurrencyInvalid = "show-currency-invalid";
    public const string ShowVideoInvalid = "show-video-invalid";
    public const string VideoSourceUnavailable = "video-source-unavailable";
    public const string ShowAlreadyLive = "show-already-live";
    public const string ShowNotLive = "show-not-live";
    public const string ShowEnded = "show-ended";
    public const string ShowChangedMeanwhile = "show-changed-meanwhile";

    public const string LineupEmpty = "lineup-empty";
    public const string LineupTooLarge = "lineup-too-large";
    public const string LineupDuplicateProduct = "lineup-duplicate-product";
    public const string LineupUnknownProduct = "lineup-unknown-product";
    public const string LineupCurrencyMismatch = "lineup-currency-mismatch";

    public const string ProductNotFound = "product-not-found";
    public const string ProductNotInLineup = "product-not-in-lineup";

    /// <summary>A brand no longer opens a product in a creator's show to its creator (paused them, or closed the product).</summary>
    public const string ProductWithdrawn = "product-withdrawn";

    public const string PinLimitReached = "pin-limit-reached";
    public const string AlreadyPinned = "already-pinned";
    public const string NotPinned = "not-pinned";

    public const string FlashPriceInvalid = "flash-price-invalid";
    public const string FlashDurationInvalid = "flash-duration-invalid";
    public const string FlashQuantityInvalid = "flash-quantity-invalid";
    public const string FlashSaleAlreadyRunning = "flash-sale-already-running";

    /// <summary>A flash price on another brand's product in a creator's show: only the brand prices its products.</summary>
    public const string FlashSaleNotYours = "flash-sale-not-yours";
    public const string FlashSaleNotFound = "flash-sale-not-found";
    public const string FlashSaleEnded = "flash-sale-ended";
    public const string FlashSaleSoldOut = "flash-sale-sold-out";

    public const string ChatEmpty = "chat-empty";
    public const string ChatTooLong = "chat-too-long";
    public const string ChatRateLimited = "chat-rate-limited";
    public const string ChatSlowMode = "chat-slow-mode";
    public const string ChatMessageNotFound = "chat-message-not-found";

    public const string NotShowStaff = "not-show-staff";
    public const string Restricted = "restricted";
    public const string CannotRestrictStaff = "cannot-restrict-staff";
    public const string RestrictionInvalid = "restriction-invalid";
    public const string RestrictionNotFound = "restriction-not-found";
    public const string QuestionEmpty = "question-empty";
    public const string QuestionTooLong = "question-too-long";
    public const string QuestionRateLimited = "question-rate-limited";
    public const string QuestionNotFound = "question-not-found";
    public const string QuestionClosed = "question-closed";
    public const string QuestionNotPending = "question-not-pending";
    public const string QuestionOwnVote = "question-own-vote";
    public const string VoteRateLimited = "vote-rate-limited";
    public const string UserNotFound = "user-not-found";
    public const string AnswerTooLong = "answer-too-long";
    public const string SlowModeInvalid = "slow-mode-invalid";
    public const string AnnouncementTooLong = "announcement-too-long";
    public const string BlocklistInvalid = "blocklist-invalid";
    public const string HeldMessageNotFound = "held-message-not-found";
    public const string HeldMessageDecided = "held-message-decided";
    public const string ModeratorInvalid = "moderator-invalid";
    public const string ModeratorNotFound = "moderator-not-found";

    public const string OrderEmpty = "order-empty";
    public const string OrderTooManyLines = "order-too-many-lines";
    public const string QuantityInvalid = "quantity-invalid";
    public const string OutOfStock = "out-of-stock";
    public const string PriceChanged = "price-changed";
    public const string PerBuyerCapReached = "per-buyer-cap-reached";
    public const string IdempotencyKeyMissing = "idempotency-key-missing";
    public const string IdempotencyKeyReused = "idempotency-key-reused";
    public const string AddressInvalid = "address-invalid";
    public const string PaymentInvalid = "payment-invalid";
    public const string PaymentDeclined = "payment-declined";
    public const string PaymentPending = "payment-pending";
    public const string PaymentMethodNotOffered = "payment-method-not-offered";
    public const string OrderNotAwaitingTransfer = "order-not-awaiting-transfer";
    public const string OrderNotFound = "order-not-found";
    public const string OrderStatusInvalid = "order-status-invalid";
    // Fulfilment (issue 12): a shipment whose carrier, tracking number or link does not fit (400); a bulk request without orders or with too many (400).
    public const string ShipmentInvalid = "shipment-invalid";
    public const string BulkInvalid = "bulk-invalid";
    public const string CommissionInvalid = "commission-invalid";
    public const string CoHostInvalid = "co-host-invalid";
    public const string ShareLinkNotFound = "share-link-not-found";
    public const string PeriodInvalid = "period-invalid";

    // Azure Communication Services video (issue 6): a session asked for a show whose video is not ACS,
    // and ACS itself failing or unreachable (502: nothing was changed, try again).
    public const string VideoNotAcs = "video-not-acs";
    public const string AcsUnavailable = "acs-unavailable";

    // Several instances (issue 16): this instance is shutting down and takes no new live connection (503 with
    // Retry-After); the client tries again, and the load balancer sends it to another instance.
    public const string ServerStopping = "server-stopping";

    // The database did not answer (restarting, failing over, unreachable): 503 with Retry-After; nothing was changed.
    public const string DatabaseUnavailable = "database-unavailable";

    // Creators (issue 17): the profile, a brand's program and a creator's place in it.
    public const string CreatorProfileInvalid = "creator-profile-invalid";
    public const string CreatorHandleTaken = "creator-handle-taken";
    public const string CreatorProfileMissing = "creator-profile-missing";
    public const string CreatorProgramInvalid = "creator-program-invalid";
    public const string CreatorProgramClosed = "creator-program-closed";
    public const string CreatorNotFound = "creator-not-found";
    public const string CreatorNotApproved = "creator-not-approved";
    public const string CreatorLinkInvalid = "creator-link-invalid";
    public const string MonthInvalid = "month-invalid";
    public const string NothingDue = "nothing-due";
    // Stores and staff (issue 17): a store name empty, too long or taken (400/409); a store or staff member not in
    // this shop (404); an e-mail with no account (404); the caller not on the store's staff (403); a link for a show of
    // another shop, an unknown product or an old show (400/404/409).
    public const string StoreInvalid = "store-invalid";
    public const string StoreNameTaken = "store-name-taken";
    public const string StoreNotFound = "store-not-found";
    public const string StaffNotFound = "staff-not-found";
    public const string NotStoreStaff = "not-store-staff";
    public const string StaffLinkInvalid = "staff-link-invalid";
    public const string StoreLimitReached = "store-limit-reached";

    // The camera's signalling state (Redis, with several instances) did not answer: 503; the pages ask again.
    public const string CameraRelayUnavailable = "camera-relay-unavailable";

    public const string SignInFailed = "sign-in-failed";
    public const string RegistrationFailed = "registration-failed";
    public const string DisplayNameInvalid = "display-name-invalid";

    // Accounts by e-mail (issue 11). email-unavailable and email-send-failed are 503: no SMTP server is
    // configured, or it did not take the mail (nothing changed; try again). A mailed link that is wrong,
    // used or expired is email-link-invalid; account-has-open-orders refuses deletion until they ship.
    public const string EmailUnavailable = "email-unavailable";
    public const string EmailSendFailed = "email-send-failed";
    public const string EmailLinkInvalid = "email-link-invalid";
    public const string EmailInvalid = "email-invalid";
    public const string EmailTaken = "email-taken";
    public const string PasswordIncorrect = "password-incorrect";
    public const string PasswordInvalid = "password-invalid";
    public const string AccountHasOpenOrders = "account-has-open-orders";
    public const string AccountHasShows = "account-has-shows";

    // Camera (WebRTC from the host's browser): signalling refusals, see docs/camera.md.
    public const string CameraNotCameraShow = "camera-not-camera-show";
    public const string CameraNotStarted = "camera-not-started";
    public const string CameraViewerCapReached = "camera-viewer-cap-reached";
    public const string CameraNotInRoom = "camera-not-in-room";
    public const string CameraPeerUnknown = "camera-peer-unknown";
    public const string CameraSignalInvalid = "camera-signal-invalid";
    // Shops, team, setup and the back-office catalog (issue 11).
    public const string ShopNotFound = "shop-not-found";
    public const string NotShopMember = "not-shop-member";
    public const string ShopRoleTooLow = "shop-role-too-low";
    public const string ShopSuspended = "shop-suspended";
    public const string ShopSettingsInvalid = "shop-settings-invalid";
    public const string ShopSlugTaken = "shop-slug-taken";
    public const string MemberNotFound = "member-not-found";
    public const string LastOwner = "last-owner";
    public const string InvitationInvalid = "invitation-invalid";
    public const string InvitationNotFound = "invitation-not-found";
    public const string InvitationExpired = "invitation-expired";
    public const string InvitationUsed = "invitation-used";
    public const string InvitationWrongAccount = "invitation-wrong-account";
    public const string AlreadyMember = "already-member";
    public const string SetupDone = "setup-done";
    public const string SetupTokenInvalid = "setup-token-invalid";
    public const string AccountSuspended = "account-suspended";
    public const string ProductInvalid = "product-invalid";
    public const string SkuTaken = "sku-taken";
    public const string ProductArchived = "product-archived";
    public const string StockAdjustmentInvalid = "stock-adjustment-invalid";
    public const string PhotoLimitReached = "photo-limit-reached";
    public const string PhotoNotFound = "photo-not-found";
    public const string PhotoOrderInvalid = "photo-order-invalid";
    public const string CsvInvalid = "csv-invalid";

    // Variants (issue 11): a product's options or variants that do not fit the rules (400); an order line
    // or stock change without a variant for a product that has them (400); a variant id the product does not
    // have (404); removing a variant that still has stock (409).
    public const string VariantsInvalid = "variants-invalid";
    public const string VariantRequired = "variant-required";
    public const string VariantNotFound = "variant-not-found";
    public const string VariantHasStock = "variant-has-stock";

    // Photos (issue 11): an upload that is not a JPEG/PNG/WebP (or is damaged), one over
    // Limits.ImageMaxBytes (413), and one whose header claims more pixels than Limits.ImageMaxPixels
    // or a side over Limits.ImageMaxSide (a decompression bomb). See docs/media-images.md.
    public const string ImageInvalid = "image-invalid";
    public const string ImageTooLarge = "image-too-large";
    public const string ImageTooManyPixels = "image-too-many-pixels";

    // Cancellations and refunds (issue 12, docs/orders.md "Cancellations and refunds"). refund-failed is 502: the
    // shop's card processor refused or could not be reached, and nothing was changed (try again with the same key).
    public const string RefundFailed = "refund-failed";
    public const string OrderReasonTooLong = "order-reason-too-long";
    // Payments (issue 12, Stripe): a shop's payment settings that do not fit (a key of the wrong kind, test and
    // live keys mixed, instructions too long, days outside 1–30); a Stripe webhook whose signature, timestamp or
    // shop does not check out (400, nothing changes).
    public const string StripeKeyInvalid = "stripe-key-invalid";
    public const string StripeKeysMismatch = "stripe-keys-mismatch";
    public const string PaymentSettingsInvalid = "payment-settings-invalid";
    public const string StripeWebhookInvalid = "stripe-webhook-invalid";
    // Webhooks (issue 12 part 5): a URL that is not https (or a private address in Production), event types
    // not in WebhookEventTypes.All or none (400); more endpoints than Limits.WebhookEndpointsPerShop (409);
    // an endpoint or delivery of another shop or none (404).
    public const string WebhookUrlInvalid = "webhook-url-invalid";
    public const string WebhookEventsInvalid = "webhook-events-invalid";
    public const string WebhookLimitReached = "webhook-limit-reached";
    public const string WebhookNotFound = "webhook-not-found";
    public const string WebhookDeliveryNotFound = "webhook-delivery-not-found";
    // "+1" claims (issue 18, docs/claims.md): a pay time outside 1–Limits.ClaimPayMaxMinutes (400); claims and a flash
    // price on one product at once (409); a claim that is not the buyer's or not of that line (404), or is no longer
    // held (409: expired, closed, already ordered).
    public const string ClaimSettingsInvalid = "claim-settings-invalid";
    public const string ClaimFlashSale = "claim-flash-sale";
    public const string ClaimNotFound = "claim-not-found";
    public const string ClaimNotHeld = "claim-not-held";
    // A viewer holding or waiting for Limits.ClaimsPerViewerPerProduct of one product (409); "+1" claims on a product
    // that is not pinned, or another brand's product in a creator's show (409).
    public const string ClaimLimitReached = "claim-limit-reached";
    public const string ClaimNotAllowed = "claim-not-allowed";
    // Gifts (issue 18, docs/gifts.md): a gift's message or payment that cannot be (400: too long, cash on delivery, more
    // than one seller); a gift link that matches no gift (404); a gift that is no longer waiting to be accepted (409);
    // packing or shipping a gift before its recipient gave an address (409).
    public const string GiftInvalid = "gift-invalid";
    public const string GiftNotFound = "gift-not-found";
    public const string GiftClosed = "gift-closed";
    public const string GiftNotAccepted = "gift-not-accepted";
}
