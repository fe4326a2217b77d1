using System.Linq.Expressions;
using Forum.Core.Themes;

namespace Forum.Core.Phases;

/// <summary>
/// Who may read a theme and its phases: everyone once the theme is published, the moderation team before.
/// What a reader may not read does not exist for them, so callers answer "not found".
/// </summary>
public static class PhaseVisibility
{
    public static bool CanRead(bool themePublished, bool isModerator) => themePublished || isModerator;

    public static bool CanRead(Theme theme, bool isModerator) => CanRead(theme.IsPublished, isModerator);

    /// <summary>The same rule for queries, so that what a reader may not see is never loaded.</summary>
    public static Expression<Func<Phase, bool>> ReadableBy(bool isModerator) => p => p.Theme!.IsPublished || isModerator;

    /// <inheritdoc cref="ReadableBy"/>
    public static Expression<Func<Theme, bool>> ThemesReadableBy(bool isModerator) => t => t.IsPublished || isModerator;
}
