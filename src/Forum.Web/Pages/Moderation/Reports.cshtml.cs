using Forum.Core.Errors;
using Forum.Core.Languages;
using Forum.Core.Localization;
using Forum.Core.Time;
using Forum.Web.Reports;
using Microsoft.AspNetCore.Mvc;

namespace Forum.Web.Pages.Moderation;

/// <summary>The moderation queue: open reports, oldest first, each with its contribution and the buttons to hide it or dismiss the report.</summary>
public sealed class ReportsModel(UiTexts texts, ForumLanguages languages, ForumClock clock, ReportService reports)
    : ModerationPageModel(texts, languages, clock)
{
    public ReportPage Queue { get; private set; } = new([], null);

    [BindProperty(SupportsGet = true)] public string? Cursor { get; set; }
    [BindProperty] public long? ReportId { get; set; }
    [BindProperty] public string? Note { get; set; }

    public async Task OnGetAsync()
    {
        try
        {
            Queue = await reports.ListAsync("open", Cursor, null);
        }
        catch (ForumException e) when (e.Kind == FailureKind.Invalid)
        {
            // A cursor from an old bookmark: start again from the oldest report.
            Cursor = null;
            Queue = await reports.ListAsync("open", null, null);
        }
    }

    public Task<IActionResult> OnPostHideAsync() => ResolveAsync("hide", "flash.report-upheld");

    public Task<IActionResult> OnPostDismissAsync() => ResolveAsync("dismiss", "flash.report-dismissed");

    public static string Form(long reportId) => $"Report-{reportId}";

    private Task<IActionResult> ResolveAsync(string action, string flash) =>
        SubmitFormAsync(Form(ReportId ?? 0), async () =>
        {
            await reports.ResolveAsync(ReportId ?? 0, new ResolveInput(action, Note), User);
            Flash(flash);
            return Redirect($"/{Culture}/moderation/reports");
        }, async () =>
        {
            await OnGetAsync();
            return Page();
        }, "note");
}
