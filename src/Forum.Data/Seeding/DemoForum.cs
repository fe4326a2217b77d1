namespace Forum.Data.Seeding;

/// <summary>The shape of seeds/demo-forum.json. Dates are days relative to the moment of loading.</summary>
public sealed record DemoForum(List<DemoUser> Users, List<DemoTheme> Themes);

public sealed record DemoUser(string Key, string DisplayName, string Email, List<string> Roles);

public sealed record DemoTheme(
    string Slug, int Position, bool Published, string OriginalLanguage,
    Dictionary<string, DemoThemeText> Texts, List<DemoPhase> Phases);

public sealed record DemoThemeText(string Title, string Description);

public sealed record DemoPhase(
    int Number, double OpensInDays, double ClosesInDays, string OriginalLanguage,
    Dictionary<string, DemoPhaseText> Texts, List<DemoContribution> Contributions);

public sealed record DemoPhaseText(string Title, string Question);

public sealed record DemoContribution(
    string Key, string Author, double PostedInDays, string OriginalLanguage, string? ReplyTo,
    Dictionary<string, DemoVersion> Versions);

public sealed record DemoVersion(string? Title, string Body, string? Translator, double? TranslatedInDays);
