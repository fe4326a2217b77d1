namespace Forum.Web.Pages;

/// <summary>
/// The form whose refusals _ErrorSummary lists: its model-state prefix ("Post"), the summary's element id, and the
/// prefix of its fields' ids when it is not the prefix's own ("edit-fr" for the fields of "Edit" in the French version),
/// or each field's id when a page names them its own way (the account pages' "email", "password").
/// </summary>
public sealed record ErrorSummary(string Form, string Id = "error-summary", string? FieldIds = null, IReadOnlyDictionary<string, string>? Ids = null)
{
    /// <summary>The summary's heading; a filter read from the address is no form that failed to send.</summary>
    public string TitleKey { get; init; } = "form.errors.title";
}
