namespace LiveShop.Server.Resources;

/// <summary>
/// Marker for the headers of CSV files meant for people (a show's orders, the pick list), in the caller's language.
/// Machine formats (the catalog import and export) keep English headers. The English text is the key (ReportText.resx);
/// ReportText.zh-TW.resx, ReportText.zh-CN.resx and ReportText.el.resx hold the translations. See docs/i18n.md.
/// </summary>
public sealed class ReportText;
