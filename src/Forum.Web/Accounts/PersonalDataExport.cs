using System.Text.Encodings.Web;
using System.Text.Json;
using Forum.Core.Time;
using Forum.Data;
using Forum.Data.Accounts;
using Forum.Synthesis.Syntheses;
using Forum.Web.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Forum.Web.Accounts;

/// <summary>
/// Everything the forum holds about one account, as one JSON document: the profile, every
/// contribution and reply with all its versions, the translations written of others' contributions,
/// the earlier texts of edited versions, the reports filed, the synthesis texts written, the
/// moderation actions taken, what the person follows, how they chose to hear of it, and the e-mails
/// the forum sent them (subjects and dates). Rows stream from the database into
/// the response, so thousands of contributions cost no more memory than one.
/// </summary>
public sealed class PersonalDataExport(ForumDbContext db, ForumClock clock, FollowService follows)
{
    private const int FlushAtBytes = 64 * 1024;

    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // The writer's encoder and indentation apply; these only name the rows' properties as the rest of the document.
    private static readonly JsonSerializerOptions RowOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private sealed record VersionRow(
        long ContributionId, int PhaseId, long? ParentId, DateTime PostedAt, string OriginalLanguage, string Languages, bool IsHidden,
        string Language, string? Title, string Body, string AuthorId, DateTime CreatedAt, DateTime UpdatedAt);

    public string FileName => $"forum-my-data-{DateOnly.FromDateTime(clock.ToLocal(clock.UtcNow).DateTime):yyyy-MM-dd}.json";

    public async Task WriteAsync(ForumUser user, IReadOnlyList<string> roles, Stream output, CancellationToken cancellation)
    {
        var phaseTitles = await PhaseTitlesAsync(user.Id, cancellation);
        await using var json = new Utf8JsonWriter(output, Options);
        json.WriteStartObject();
        json.WriteString("exportedAt", clock.ToLocal(clock.UtcNow));
        WriteAccount(json, user, roles);

        json.WriteStartArray("contributions");
        var contributions = from v in db.ContributionVersions
                            join c in db.Contributions on v.ContributionId equals c.Id
                            where c.AuthorId == user.Id
                            orderby c.Id, v.Id
                            select new VersionRow(c.Id, c.PhaseId, c.ParentId, c.CreatedAt, c.OriginalLanguage, c.Languages, c.IsHidden,
                                v.Language, v.Title, v.Body, v.AuthorId, v.CreatedAt, v.UpdatedAt);
        long? current = null;
        await foreach (var row in contributions.AsNoTracking().AsAsyncEnumerable().WithCancellation(cancellation))
        {
            if (row.ContributionId != current)
            {
                if (current is not null)
                {
                    json.WriteEndArray();
                    json.WriteEndObject();
                }
                current = row.ContributionId;
                json.WriteStartObject();
                json.WriteNumber("id", row.ContributionId);
                WritePhase(json, row.PhaseId, phaseTitles);
                WriteNumberOrNull(json, "replyTo", row.ParentId);
                json.WriteString("postedAt", clock.ToLocal(row.PostedAt));
                json.WriteString("originalLanguage", row.OriginalLanguage);
                json.WriteString("languages", row.Languages);
                json.WriteBoolean("hidden", row.IsHidden);
                json.WriteStartArray("versions");
            }
            json.WriteStartObject();
            json.WriteString("language", row.Language);
            json.WriteBoolean("isOriginal", row.Language == row.OriginalLanguage);
            json.WriteBoolean("writtenByYou", row.AuthorId == user.Id);
            // Someone else's translation of your contribution is their text: named, not copied.
            if (row.AuthorId == user.Id)
            {
                json.WriteString("title", row.Title);
                json.WriteString("body", row.Body);
            }
            json.WriteString("createdAt", clock.ToLocal(row.CreatedAt));
            json.WriteString("updatedAt", clock.ToLocal(row.UpdatedAt));
            json.WriteEndObject();
            await FlushWhenFullAsync(json, cancellation);
        }
        if (current is not null)
        {
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();

        var translations = from v in db.ContributionVersions
                           join c in db.Contributions on v.ContributionId equals c.Id
                           where v.AuthorId == user.Id && c.AuthorId != user.Id
                           orderby v.Id
                           select new { c.Id, c.PhaseId, v.Language, v.Title, v.Body, v.CreatedAt, v.UpdatedAt };
        await WriteArrayAsync(json, "translations", translations, t => new
        {
            ContributionId = t.Id, t.PhaseId, PhaseTitle = phaseTitles.GetValueOrDefault(t.PhaseId),
            t.Language, t.Title, t.Body, CreatedAt = clock.ToLocal(t.CreatedAt), UpdatedAt = clock.ToLocal(t.UpdatedAt),
        }, cancellation);

        var earlier = from r in db.VersionRevisions
                      join v in db.ContributionVersions on r.VersionId equals v.Id
                      where r.WrittenById == user.Id
                      orderby r.Id
                      select new { v.ContributionId, v.Language, r.Title, r.Body, r.WrittenAt, r.ReplacedAt };
        await WriteArrayAsync(json, "earlierTexts", earlier, r => new
        {
            r.ContributionId, r.Language, r.Title, r.Body, WrittenAt = clock.ToLocal(r.WrittenAt), ReplacedAt = clock.ToLocal(r.ReplacedAt),
        }, cancellation);

        await WriteArrayAsync(json, "reports", db.Reports.Where(r => r.ReporterId == user.Id).OrderBy(r => r.Id), r => new
        {
            r.ContributionId, Reason = r.ReasonCode, r.Comment, ReportedAt = clock.ToLocal(r.CreatedAt),
            Status = r.Status.ToString().ToLowerInvariant(),
        }, cancellation);

        var revisions = from r in db.Set<SynthesisRevision>()
                        join s in db.Set<PhaseSynthesis>() on r.SynthesisId equals s.Id
                        where r.EditedById == user.Id
                        orderby r.Id
                        select new { s.Id, s.PhaseId, s.Number, r.Language, r.Edition, r.Title, r.Body, r.EditedAt };
        await WriteArrayAsync(json, "synthesisTexts", revisions, r => new
        {
            SynthesisId = r.Id, r.PhaseId, r.Number, r.Language, r.Edition, r.Title, r.Body, EditedAt = clock.ToLocal(r.EditedAt),
        }, cancellation);

        await WriteArrayAsync(json, "moderationActions", db.AuditEntries.Where(a => a.ActorId == user.Id).OrderBy(a => a.Id), a => new
        {
            At = clock.ToLocal(a.At), a.Action, a.ThemeId, a.PhaseId, a.ContributionId, a.Reason, a.Details,
        }, cancellation);

        await WriteArrayAsync(json, "follows", db.Follows.Where(f => f.UserId == user.Id).OrderBy(f => f.Id), f => new
        {
            Target = f.ThemeId is null ? FollowService.PhaseTarget : FollowService.ThemeTarget, Id = f.ThemeId ?? f.PhaseId,
            Since = clock.ToLocal(f.CreatedAt), Stopped = f.StoppedAt is { } stopped ? clock.ToLocal(stopped) : (DateTimeOffset?)null,
        }, cancellation);
        json.WriteStartObject("notificationChoices");
        foreach (var (kind, delivery) in await follows.PreferencesAsync(user.Id))
        {
            json.WriteString(FollowService.KindName(kind), FollowService.DeliveryName(delivery));
        }
        json.WriteEndObject();
        // The texts are the forum's own, built from what others wrote: named by subject, not copied.
        await WriteArrayAsync(json, "emails", db.OutboxMessages.Where(m => m.RecipientUserId == user.Id).OrderBy(m => m.Id), m => new
        {
            To = m.Recipient, m.Kind, m.Language, m.Subject, QueuedAt = clock.ToLocal(m.CreatedAt),
            SentAt = m.SentAt is { } sent ? clock.ToLocal(sent) : (DateTimeOffset?)null,
            GaveUpAt = m.GaveUpAt is { } gaveUp ? clock.ToLocal(gaveUp) : (DateTimeOffset?)null,
        }, cancellation);
        json.WriteEndObject();
        await json.FlushAsync(cancellation);
    }

    private void WriteAccount(Utf8JsonWriter json, ForumUser user, IReadOnlyList<string> roles)
    {
        json.WriteStartObject("account");
        json.WriteString("id", user.Id);
        json.WriteString("email", user.Email);
        json.WriteBoolean("emailConfirmed", user.EmailConfirmed);
        json.WriteString("preferredLanguage", user.PreferredLanguage);
        // The translation desk's languages, as chosen on the account page ("es,fr"); null when never chosen.
        json.WriteString("translationLanguages", user.TranslationLanguages);
        json.WriteString("userName", user.UserName);
        json.WriteString("displayName", user.DisplayName);
        json.WriteString("shownAs", user.PublicName);
        json.WriteString("phoneNumber", user.PhoneNumber);
        json.WriteStartArray("roles");
        foreach (var role in roles)
        {
            json.WriteStringValue(role);
        }
        json.WriteEndArray();
        if (user.RegisteredAt is { } registered)
        {
            json.WriteString("registeredAt", clock.ToLocal(registered));
        }
        else
        {
            json.WriteNull("registeredAt");
        }
        json.WriteNumber("failedLoginsInARow", user.AccessFailedCount);
        json.WriteEndObject();
    }

    private static void WriteNumberOrNull(Utf8JsonWriter json, string name, long? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WritePhase(Utf8JsonWriter json, int phaseId, IReadOnlyDictionary<int, string> titles)
    {
        json.WriteNumber("phaseId", phaseId);
        json.WriteString("phaseTitle", titles.GetValueOrDefault(phaseId));
    }

    /// <summary>One array of objects, each the JSON of <paramref name="shape"/> applied to a row streamed from the database.</summary>
    private static async Task WriteArrayAsync<T, TShown>(Utf8JsonWriter json, string name, IQueryable<T> rows, Func<T, TShown> shape, CancellationToken cancellation)
        where T : class
    {
        json.WriteStartArray(name);
        await foreach (var row in rows.AsNoTracking().AsAsyncEnumerable().WithCancellation(cancellation))
        {
            // Through an element: serializing straight into the writer would flush it synchronously to the response.
            JsonSerializer.SerializeToElement(shape(row), RowOptions).WriteTo(json);
            await FlushWhenFullAsync(json, cancellation);
        }
        json.WriteEndArray();
    }

    // Bounded by bytes, not rows: a row may hold a 60,000-character body.
    private static async ValueTask FlushWhenFullAsync(Utf8JsonWriter json, CancellationToken cancellation)
    {
        if (json.BytesPending >= FlushAtBytes)
        {
            await json.FlushAsync(cancellation);
        }
    }

    /// <summary>The title of each phase the user wrote in, in the phase's original language: a few rows, read once.</summary>
    private async Task<Dictionary<int, string>> PhaseTitlesAsync(string userId, CancellationToken cancellation)
    {
        var phaseIds = db.Contributions
            .Where(c => c.AuthorId == userId || c.Versions.Any(v => v.AuthorId == userId))
            .Select(c => c.PhaseId).Distinct();
        return await (from p in db.Phases
                      join t in db.PhaseTexts on new { PhaseId = p.Id, Language = p.OriginalLanguage } equals new { t.PhaseId, t.Language }
                      where phaseIds.Contains(p.Id)
                      select new { p.Id, t.Title })
            .ToDictionaryAsync(x => x.Id, x => x.Title, cancellation);
    }
}
