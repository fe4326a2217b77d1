using System.Globalization;
using Forum.Core.Languages;
using Forum.Core.Localization;
using Forum.Core.Notifications;
using Forum.Core.Phases;
using Forum.Core.Time;
using Forum.Synthesis.Statistics;
using Forum.Web.Mail;
using Forum.Web.Security;

namespace Forum.Web.Notifications;

/// <summary>What a letter tells of one happening: its subject and its blocks (also a section of a digest).</summary>
public sealed record Notice(string Subject, IReadOnlyList<LetterBlock> Blocks);

/// <summary>
/// Writes the notifications, one composer per kind, in the recipient's language, every text from localization/.
/// A notice is the same for every recipient in a language: only the unsubscribe link differs, added per person.
/// </summary>
public sealed class NotificationLetters(UiTexts texts, ForumLanguages languages, LanguageSentences sentences, UnsubscribeTokens tokens,
    ForumAddress forum, ForumClock clock)
{
    // The opening lines of a reply, as quoted in a letter.
    private const int QuoteLines = 6;
    private const int QuoteCharacters = 600;

    /// <summary>The notice of <paramref name="facts"/> in <paramref name="language"/>; null when nothing may be said of it.</summary>
    public Notice? Notice(HappeningFacts facts, string language)
    {
        if (facts.Silent)
        {
            return null;
        }
        return facts.Happening.Kind switch
        {
            NotificationKind.PhaseOpened => Opened(facts, language),
            NotificationKind.PhaseClosingSoon => Simple(facts, language, "notify.closing", Date(facts.Phase!.ClosesAt, language)),
            NotificationKind.PhaseClosed => Closed(facts, language),
            NotificationKind.SynthesisPublished => SynthesisPublished(facts, language),
            NotificationKind.Reply => Reply(facts, language),
            NotificationKind.Translation => Translation(facts, language),
            _ => null,
        };
    }

    /// <summary>The message sent at once: the notice, with the link that stops this kind.</summary>
    public Letter Immediate(NotificationKind kind, Notice notice, string language, string userId) =>
        new($"notify.{FollowService.KindName(kind)}", language, notice.Subject, notice.Blocks)
        {
            Unsubscribe = tokens.Link(language, userId, kind),
            UnsubscribeLabel = Format(language, "notify.stop", KindName(kind, language)),
        };

    /// <summary>One digest: every notice under its own heading; its link stops the digest (every kind chosen for it).</summary>
    public Letter Digest(IReadOnlyList<Notice> notices, string language, string userId)
    {
        var blocks = new List<LetterBlock> { new LetterParagraph(texts.Get(language, "notify.digest.intro")) };
        foreach (var notice in notices)
        {
            blocks.Add(new LetterHeading(notice.Subject));
            blocks.AddRange(notice.Blocks);
        }
        return new Letter("notify.digest", language, Format(language, "notify.digest.subject", notices.Count), blocks)
        {
            Unsubscribe = tokens.Link(language, userId, null),
            UnsubscribeLabel = texts.Get(language, "notify.stop-digest"),
        };
    }

    public string KindName(NotificationKind kind, string language) => texts.Get(language, $"notify.kind.{FollowService.KindName(kind)}");

    private Notice Opened(HappeningFacts facts, string language)
    {
        var announcement = facts.Announcement;
        if (announcement is null || announcement.Kind != AnnouncementKind.Opened)
        {
            // A reopening or an extension: a short notice, not a second announcement.
            var key = announcement?.Kind switch
            {
                AnnouncementKind.Reopened => "notify.reopened",
                AnnouncementKind.Extended => "notify.extended",
                _ => "notify.opened",
            };
            return Simple(facts, language, key, Date(facts.Phase!.ClosesAt, language));
        }
        var text = announcement.Texts.FirstOrDefault(t => t.Language == language)
            ?? announcement.Texts.FirstOrDefault(t => t.Language == languages.Default) ?? announcement.Texts.First();
        var blocks = text.Body.Replace("\r\n", "\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => (LetterBlock)new LetterParagraph(p)).ToList();
        blocks.Add(new LetterAction(texts.Get(language, "notify.phase-action"), PhaseLink(facts, language)));
        return new Notice(text.Title, blocks);
    }

    private Notice Closed(HappeningFacts facts, string language)
    {
        var notice = Simple(facts, language, "notify.closed", Date(facts.Phase!.ClosesAt, language));
        if (facts.Statistics is not { } statistics)
        {
            return notice;
        }
        var blocks = notice.Blocks.ToList();
        // The sentence is written to stand alone on a page; here it is one of the message's sentences.
        var sentence = sentences.Statistics(statistics, language, languages.Codes, final: true);
        blocks.Insert(blocks.Count - 1, new LetterParagraph(sentence.EndsWith('.') ? sentence : sentence + "."));
        return notice with { Blocks = blocks };
    }

    /// <summary>A subject and one sentence about the phase ({0} number, {1} theme, {2} phase title, {3} a date), and the link to it.</summary>
    private Notice Simple(HappeningFacts facts, string language, string key, string date)
    {
        var phase = facts.Phase!;
        var theme = Pick(facts.ThemeTitles, language, facts.ThemeOriginal);
        var title = Pick(facts.PhaseTitles, language, phase.OriginalLanguage);
        return new Notice(Format(language, key + ".subject", phase.Number, theme, title, date),
        [
            new LetterParagraph(Format(language, key + ".text", phase.Number, theme, title, date)),
            new LetterAction(texts.Get(language, "notify.phase-action"), PhaseLink(facts, language)),
        ]);
    }

    private Notice SynthesisPublished(HappeningFacts facts, string language)
    {
        var synthesis = facts.Synthesis!;
        var phase = facts.Phase!;
        var version = synthesis.Versions.FirstOrDefault(v => v.Language == language) ?? synthesis.Versions.OrderBy(v => v.Language == languages.Default ? 0 : 1).First();
        var number = Format(language, "synthesis.title", synthesis.Number);
        var theme = Pick(facts.ThemeTitles, language, facts.ThemeOriginal);
        return new Notice(Format(language, "notify.synthesis.subject", number, version.Title),
        [
            new LetterParagraph(Format(language, "notify.synthesis.text", number, phase.Number, theme)),
            new LetterHeading(version.Title),
            new LetterParagraph(sentences.AvailableIn(synthesis.Languages, language)),
            new LetterAction(texts.Get(language, "notify.synthesis.action"), forum.Absolute($"/{language}/phases/{phase.Id}#synthesis-{synthesis.Id}")),
        ]);
    }

    private Notice Reply(HappeningFacts facts, string language)
    {
        var reply = facts.Contribution!;
        var body = reply.Bodies.GetValueOrDefault(language) ?? reply.Bodies.GetValueOrDefault(reply.OriginalLanguage) ?? reply.Bodies.Values.First();
        var name = facts.ActorName ?? "?";
        return new Notice(Format(language, "notify.reply.subject", name),
        [
            new LetterParagraph(Format(language, "notify.reply.text", name, facts.Phase!.Number, Pick(facts.ThemeTitles, language, facts.ThemeOriginal))),
            new LetterQuote(OpeningLines(body)),
            new LetterAction(texts.Get(language, "notify.reply.action"), forum.Absolute($"/{language}/contributions/{reply.Id}")),
        ]);
    }

    private Notice Translation(HappeningFacts facts, string language)
    {
        var contribution = facts.Contribution!;
        var translated = facts.TranslationLanguage is { } code ? texts.Get(language, $"language.{code}") : "?";
        var name = facts.ActorName ?? "?";
        return new Notice(Format(language, "notify.translation.subject", translated),
        [
            new LetterParagraph(Format(language, "notify.translation.text", name, translated, facts.Phase!.Number, Pick(facts.ThemeTitles, language, facts.ThemeOriginal))),
            new LetterAction(texts.Get(language, "notify.translation.action"),
                forum.Absolute($"/{language}/contributions/{contribution.Id}?lang={facts.TranslationLanguage}")),
        ]);
    }

    /// <summary>The first lines of a text, cut at a word where it is long.</summary>
    internal static string OpeningLines(string body)
    {
        var lines = body.Replace("\r\n", "\n").Split('\n').Where(l => l.Trim().Length > 0).Take(QuoteLines + 1).ToList();
        var text = string.Join("\n", lines.Take(QuoteLines));
        var cut = lines.Count > QuoteLines;
        if (text.Length > QuoteCharacters)
        {
            var space = text.LastIndexOf(' ', QuoteCharacters);
            text = text[..(space > QuoteCharacters / 2 ? space : QuoteCharacters)];
            cut = true;
        }
        return cut ? text.TrimEnd() + " …" : text;
    }

    private Uri PhaseLink(HappeningFacts facts, string language) => forum.Absolute($"/{language}/phases/{facts.Phase!.Id}");

    private string Date(DateTime utc, string language) => DateRanges.Moment(utc, clock.Zone, languages.CultureOf(language), clock.UtcNow);

    private static string Pick(IReadOnlyDictionary<string, string> titles, string language, string original) =>
        titles.GetValueOrDefault(language) ?? titles.GetValueOrDefault(original) ?? titles.Values.FirstOrDefault() ?? "";

    private string Format(string language, string key, params object[] values) =>
        string.Format(languages.CultureOf(language), texts.Get(language, key), values);
}
