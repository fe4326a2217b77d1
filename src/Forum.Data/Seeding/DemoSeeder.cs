using System.Text.Json;
using Forum.Core.Contributions;
using Forum.Core.Phases;
using Forum.Core.Themes;
using Forum.Core.Time;
using Forum.Data.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Forum.Data.Seeding;

/// <summary>
/// Loads the demo forum into an empty database. Dates are placed relative to now, so the demo always
/// has an open phase to post into, and its contributions are written through the same rules as
/// posted ones (text checks, Markdown rendering, one version per language).
/// </summary>
public sealed class DemoSeeder(ForumDbContext db, UserManager<ForumUser> users, VersionText versionText, ForumClock clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<bool> SeedIfEmptyAsync(string path, CancellationToken cancellationToken = default)
    {
        if (await db.Themes.AnyAsync(cancellationToken))
        {
            return false;
        }
        await using var file = File.OpenRead(path);
        var demo = await JsonSerializer.DeserializeAsync<DemoForum>(file, Json, cancellationToken)
            ?? throw new InvalidDataException($"{path} holds no demo forum.");
        // Whole hours make the demo's phase dates read naturally.
        var now = TruncateToHour(clock.UtcNow);
        var userIds = await CreateUsersAsync(demo.Users);

        foreach (var demoTheme in demo.Themes)
        {
            var theme = new Theme
            {
                Slug = demoTheme.Slug,
                Position = demoTheme.Position,
                IsPublished = demoTheme.Published,
                OriginalLanguage = demoTheme.OriginalLanguage,
                CreatedAt = now,
                UpdatedAt = now,
                Texts = demoTheme.Texts.Select(t => new ThemeText { Language = t.Key, Title = t.Value.Title, Description = t.Value.Description }).ToList(),
            };
            foreach (var demoPhase in demoTheme.Phases)
            {
                theme.Phases.Add(new Phase
                {
                    Number = demoPhase.Number,
                    OriginalLanguage = demoPhase.OriginalLanguage,
                    Schedule = new PhaseSchedule(now.AddDays(demoPhase.OpensInDays), now.AddDays(demoPhase.ClosesInDays)),
                    CreatedAt = now,
                    UpdatedAt = now,
                    Texts = demoPhase.Texts.Select(t => new PhaseText { Language = t.Key, Title = t.Value.Title, Question = t.Value.Question }).ToList(),
                });
            }
            db.Themes.Add(theme);
            await db.SaveChangesAsync(cancellationToken);

            foreach (var demoPhase in demoTheme.Phases)
            {
                var phase = theme.Phases.Single(p => p.Number == demoPhase.Number);
                await SeedContributionsAsync(phase, demoPhase.Contributions, userIds, now, cancellationToken);
            }
        }
        return true;
    }

    private async Task<Dictionary<string, string>> CreateUsersAsync(IEnumerable<DemoUser> demoUsers)
    {
        var ids = new Dictionary<string, string>();
        foreach (var demoUser in demoUsers)
        {
            var user = await users.FindByEmailAsync(demoUser.Email);
            if (user is null)
            {
                // Demo people have no password: they cannot sign in, they only give the demo its authors.
                user = new ForumUser { UserName = demoUser.Email, Email = demoUser.Email, DisplayName = demoUser.DisplayName, EmailConfirmed = true };
                Check(await users.CreateAsync(user));
                var held = await users.GetRolesAsync(user);
                Check(await users.AddToRolesAsync(user, demoUser.Roles.Append(Roles.Participant).Distinct().Except(held)));
            }
            ids[demoUser.Key] = user.Id;
        }
        return ids;
    }

    private async Task SeedContributionsAsync(Phase phase, List<DemoContribution> demoContributions, Dictionary<string, string> userIds, DateTime now, CancellationToken cancellationToken)
    {
        var byKey = new Dictionary<string, Contribution>();
        foreach (var demo in demoContributions.OrderBy(c => c.PostedInDays))
        {
            var postedAt = now.AddDays(demo.PostedInDays);
            var original = demo.Versions[demo.OriginalLanguage];
            var isReply = demo.ReplyTo is not null;
            var authorId = userIds[demo.Author];
            // The demo's texts are the forum's own: never refused by the language check (a mismatch would only be marked).
            var version = versionText.Create(demo.OriginalLanguage, original.Title, original.Body, !isReply, authorId, postedAt, languageConfirmed: true);
            var state = phase.StateAt(postedAt);
            var contribution = isReply
                ? byKey[demo.ReplyTo!].Reply(state, authorId, version, postedAt)
                : Contribution.Start(phase.Id, state, authorId, version, postedAt);
            if (isReply)
            {
                byKey[demo.ReplyTo!].ReplyCount++;
            }
            foreach (var (language, translation) in demo.Versions.Where(v => v.Key != demo.OriginalLanguage))
            {
                var translatedAt = now.AddDays(translation.TranslatedInDays ?? demo.PostedInDays);
                var translator = userIds[translation.Translator ?? demo.Author];
                contribution.Translate(phase.StateAt(translatedAt),
                    versionText.Create(language, translation.Title, translation.Body, false, translator, translatedAt, languageConfirmed: true));
            }
            db.Contributions.Add(contribution);
            await db.SaveChangesAsync(cancellationToken);
            byKey[demo.Key] = contribution;
        }
    }

    private static DateTime TruncateToHour(DateTime utc) => new(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, DateTimeKind.Utc);

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
