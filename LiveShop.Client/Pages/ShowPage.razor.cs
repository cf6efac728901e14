namespace LiveShop.Client.Pages;

/// <summary>
/// The viewer page. Prerendered with the show's state; once interactive it joins the show's live
/// group and follows every status change without a reload.
/// </summary>
public sealed partial class ShowPage : LiveShowPage;
