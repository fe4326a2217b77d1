using Forum.Core.Phases;
using Forum.Core.Themes;
using Forum.UnitTests.Data;
using Microsoft.EntityFrameworkCore;

namespace Forum.UnitTests.Phases;

/// <summary>The phase-visibility rule, and its query form on a real SQLite file agreeing with it.</summary>
public class PhaseVisibilityTests(SqliteDatabase database) : IClassFixture<SqliteDatabase>
{
    [Theory]
    [InlineData(true, false, true)]
    [InlineData(true, true, true)]
    [InlineData(false, true, true)]
    [InlineData(false, false, false)]
    public void A_phase_is_readable_when_its_theme_is_published_or_the_reader_moderates(bool published, bool moderator, bool readable)
    {
        PhaseVisibility.CanRead(published, moderator).Should().Be(readable);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Queries_load_exactly_the_phases_and_themes_the_rule_lets_the_reader_see(bool moderator)
    {
        var published = await ThemeWithPhaseAsync(isPublished: true);
        var draft = await ThemeWithPhaseAsync(isPublished: false);
        int[] ours = [published.Id, draft.Id];

        await using var db = database.CreateContext();
        var phases = await db.Phases.Include(p => p.Theme).Where(p => ours.Contains(p.ThemeId))
            .Where(PhaseVisibility.ReadableBy(moderator)).Select(p => p.ThemeId).ToListAsync();
        var themes = await db.Themes.Where(t => ours.Contains(t.Id))
            .Where(PhaseVisibility.ThemesReadableBy(moderator)).Select(t => t.Id).ToListAsync();

        var expected = new[] { published, draft }.Where(t => PhaseVisibility.CanRead(t, moderator)).Select(t => t.Id).ToList();
        phases.Should().BeEquivalentTo(expected);
        themes.Should().BeEquivalentTo(expected);
        expected.Should().Contain(published.Id);
    }

    private async Task<Theme> ThemeWithPhaseAsync(bool isPublished)
    {
        await using var db = database.CreateContext();
        var now = new DateTime(2026, 9, 1, 8, 0, 0, DateTimeKind.Utc);
        var theme = new Theme
        {
            Slug = $"t-{Guid.NewGuid():N}", OriginalLanguage = "en", IsPublished = isPublished,
            Texts = [new ThemeText { Language = "en", Title = "T", Description = "D" }],
            Phases = [new Phase { Number = 1, OriginalLanguage = "en", OpensAt = now, ClosesAt = now.AddDays(5), Texts = [new PhaseText { Language = "en", Title = "P", Question = "Q?" }] }],
        };
        db.Themes.Add(theme);
        await db.SaveChangesAsync();
        return theme;
    }
}
