namespace Forum.Web.Pages;

/// <summary>The form whose refusals _ErrorSummary lists: its model-state prefix ("Post") and the summary's element id.</summary>
public sealed record ErrorSummary(string Form, string Id = "error-summary");
