namespace LiveShop.Client.Components;

/// <summary>
/// A translated sentence with a component in its hole (a live countdown: "pay within 9:59", 「請在 9:59 內付款」): the
/// text before and after <c>{0}</c>, so each language puts the component where its word order wants it.
/// </summary>
public static class SentenceParts
{
    /// <summary>The text before and after the sentence's <c>{0}</c> (all of it before, when it has none).</summary>
    public static (string Before, string After) Around(string sentence)
    {
        var hole = sentence.IndexOf("{0}", StringComparison.Ordinal);
        return hole < 0 ? (sentence + " ", "") : (sentence[..hole], sentence[(hole + 3)..]);
    }
}
