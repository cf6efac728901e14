namespace LiveShop.Shared;

/// <summary>Input limits shared by the server (which enforces them) and the client (which shows them).</summary>
public static class Limits
{
    public const int ShowTitleMaxLength = 200;
    public const int ShowDescriptionMaxLength = 2000;
    public const int LineupMaxProducts = 50;
    public const int DisplayNameMaxLength = 40;
    public const int EmailMaxLength = 256;
    public const int PasswordMinLength = 8;
    public const int PasswordMaxLength = 128;
    public const int VideoUrlMaxLength = 2000;

    public const int MaxPinnedProducts = 3;
    public const int ChatMessageMaxLength = 300;

    /// <summary>"+1" claims: units one viewer may hold or wait for per product, and the waitlist of a product (docs/claims.md).</summary>
    public const int ClaimsPerViewerPerProduct = 5;
    public const int ClaimWaitlistMax = 500;

    /// <summary>"+1" claims: the longest time a host may give viewers to pay (a day).</summary>
    public const int ClaimPayMaxMinutes = 1440;

    /// <summary>"+1" claims: the pay time a product starts with (long enough to check out on a phone, short enough to keep the line moving).</summary>
    public const int ClaimPayDefaultMinutes = 30;

    /// <summary>Gifts: the buyer's message to the recipient, and the days a recipient has to accept (the shop's setting, 1–30).</summary>
    public const int GiftMessageMaxLength = 300;
    public const int GiftAcceptDefaultDays = 7;
    public const int GiftAcceptMaxDays = 30;

    /// <summary>Chat: a burst of this many messages, then one per <see cref="ChatRefill"/>.</summary>
    public const int ChatBurst = 3;
    public static readonly TimeSpan ChatRefill = TimeSpan.FromSeconds(1);

    public const int QuestionMaxLength = 300;
    public const int AnswerMaxLength = 500;

    /// <summary>Questions: a burst of this many, then one per <see cref="QuestionRefill"/> (staff exempt).</summary>
    public const int QuestionBurst = 3;
    public static readonly TimeSpan QuestionRefill = TimeSpan.FromSeconds(20);

    /// <summary>Votes (and withdrawals): a burst of this many, then one per <see cref="VoteRefill"/> per user and show.</summary>
    public const int VoteBurst = 10;
    public static readonly TimeSpan VoteRefill = TimeSpan.FromSeconds(1);

    /// <summary>Timeouts last from this …</summary>
    public static readonly TimeSpan TimeoutMin = TimeSpan.FromSeconds(10);

    /// <summary>… to this.</summary>
    public static readonly TimeSpan TimeoutMax = TimeSpan.FromHours(24);

    /// <summary>Slow mode: at most one message per this many seconds per user (0 = off).</summary>
    public const int SlowModeMaxSeconds = 3600;

    public const int AnnouncementMaxLength = 200;
    public const int BlocklistMaxWords = 200;
    public const int BlocklistWordMaxLength = 50;

    /// <summary>How long the latest answer stays highlighted under the video.</summary>
    public static readonly TimeSpan AnswerBannerDuration = TimeSpan.FromSeconds(20);

    /// <summary>Questions a board answer holds at most (the newest).</summary>
    public const int QuestionBoardMax = 500;

    /// <summary>Reactions a connection may send per second; more are ignored.</summary>
    public const int ReactionsPerSecond = 10;

    public static readonly TimeSpan FlashSaleMinDuration = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan FlashSaleMaxDuration = TimeSpan.FromMinutes(60);
    public const int FlashSaleMaxQuantity = 100_000;
    public const int FlashSaleMaxPerBuyer = 99;

    /// <summary>A client further behind than this gets a snapshot instead of the missed events.</summary>
    public const int ResyncMaxEvents = 500;

    /// <summary>Chat lines in a snapshot (and shown after a restart).</summary>
    public const int RecentChatLines = 50;

    /// <summary>Chat lines per page when scrolling back through a show's stored chat.</summary>
    public const int ChatHistoryPageMax = 100;

    /// <summary>Units of one product in one order.</summary>
    public const int OrderMaxQuantity = 99;

    /// <summary>Different products in one order.</summary>
    public const int OrderMaxLines = 20;

    public const int IdempotencyKeyMaxLength = 100;
    public const int AddressFieldMaxLength = 200;

    /// <summary>A host's commission on a show's GMV: 0 to this.</summary>
    public const decimal MaxCommissionRate = 0.5m;

    /// <summary>At most one "just bought" toast per show this often.</summary>
    public static readonly TimeSpan PurchaseToastInterval = TimeSpan.FromSeconds(2);

    /// <summary>How far ahead a show may be scheduled.</summary>
    public static readonly TimeSpan MaxScheduleAhead = TimeSpan.FromDays(365);
    // Shops and the back-office catalog (issue 11).
    public const int ShopNameMaxLength = 80;
    public const int ShopSlugMinLength = 3;
    public const int ShopSlugMaxLength = 40;
    public const int ProductNameMaxLength = 120;
    public const int ProductDescriptionMaxLength = 5000;
    public const int SkuMaxLength = 32;
    public const int StockReasonMaxLength = 200;

    /// <summary>Units of one product in stock, at most.</summary>
    public const int StockMax = 1_000_000;

    /// <summary>Prices up to this (in the currency's unit).</summary>
    public const decimal PriceMax = 10_000_000m;
    public const int ProductPhotosMax = 10;

    /// <summary>Variants: option names per product (e.g. Colour, Size, Material), variants per product, and the length of a name or value.</summary>
    public const int ProductOptionsMax = 3;
    public const int ProductVariantsMax = 100;
    public const int OptionTextMaxLength = 40;
    public const int ProductPageSizeMax = 100;

    /// <summary>An invitation link works this long, once.</summary>
    public static readonly TimeSpan InvitationLifetime = TimeSpan.FromDays(7);

    /// <summary>Rows in one catalog CSV import.</summary>
    public const int CsvImportMaxRows = 5000;

    /// <summary>Bytes of one catalog CSV import.</summary>
    public const long CsvImportMaxBytes = 5 * 1024 * 1024;

    /// <summary>Photos: the largest upload accepted (JPEG, PNG or WebP), in bytes.</summary>
    public const long ImageMaxBytes = 10 * 1024 * 1024;

    /// <summary>Photos: the most pixels an upload may claim (width × height, read before decoding).</summary>
    public const long ImageMaxPixels = 50_000_000;

    /// <summary>Photos: the longest side an upload may claim, in pixels.</summary>
    public const int ImageMaxSide = 10_000;

    /// <summary>Orders: a carrier's name, a tracking number, a link, a note on a status change.</summary>
    public const int CarrierMaxLength = 60;
    public const int TrackingNumberMaxLength = 60;
    public const int UrlMaxLength = 500;
    public const int OrderNoteMaxLength = 500;

    /// <summary>Fulfilment: orders one bulk request may move; orders a page of the shop's list holds.</summary>
    public const int BulkOrdersMax = 200;
    public const int ShopOrdersPageSize = 50;

    /// <summary>Payments: the bank-transfer instructions a shop shows its buyers.</summary>
    public const int BankTransferInstructionsMaxLength = 1000;

    /// <summary>Webhooks: endpoints per shop, and the note on one.</summary>
    public const int WebhookEndpointsPerShop = 10;
    public const int WebhookDescriptionMaxLength = 200;

    /// <summary>Stores (issue 17): a store's name; stores per shop; staff per store.</summary>
    public const int StoreNameMaxLength = 80;
    public const int StoresPerShop = 500;
    public const int StaffPerStore = 200;
}
