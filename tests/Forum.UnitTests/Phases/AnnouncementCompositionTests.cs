using Forum.Core.Languages;
using Forum.Core.Localization;
using Forum.Core.Phases;
using Forum.Synthesis.Statistics;
using Forum.UnitTests.Statistics;
using Forum.Web.Phases;

namespace Forum.UnitTests.Phases;

public class AnnouncementCompositionTests
{
    private static readonly string[] Codes = ["en", "fr", "es"];
    private static readonly UiTexts Texts = new(LanguageSentencesTests.LocalizationFolder());
    private static readonly AnnouncementComposer Composer = new(Texts, new LanguageSentences(Texts), new ForumLanguages(Codes));
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    private static readonly DateTime Now = new(2026, 9, 9, 7, 0, 0, DateTimeKind.Utc);

    private static AnnouncementFacts Facts(AnnouncementKind kind = AnnouncementKind.Opened, PreviousPhaseFacts? previous = null, SynthesisFacts? synthesis = null) => new(
        kind, 3, "fr",
        [
            new PhaseText { Language = "fr", Title = "Monnaie locale", Question = "Comment la monnaie locale aide-t-elle ?", AnnouncementNote = "Apportez vos exemples.\n\nMerci !" },
            new PhaseText { Language = "en", Title = "Local money", Question = "How does local money help?" },
        ],
        "fr", [new TitleIn("fr", "Territoires"), new TitleIn("en", "Territories")],
        new DateTime(2026, 9, 9, 7, 0, 0, DateTimeKind.Utc), new DateTime(2026, 9, 21, 21, 59, 0, DateTimeKind.Utc), previous, synthesis);

    private static ContributionStatistics TwoInFrench() => ContributionStatistics.FromTallies(
        [new(TallyKinds.Combination, "fr", 2), new(TallyKinds.Contributions, "", 2)], Codes, days: null);

    [Fact]
    public void An_opening_is_titled_and_dated_in_each_language()
    {
        var en = Composer.Compose(Facts(), "en", Paris, Now);
        var fr = Composer.Compose(Facts(), "fr", Paris, Now);
        var es = Composer.Compose(Facts(), "es", Paris, Now);

        en.Title.Should().Be("Phase 3 is open: Local money");
        fr.Title.Should().Be("La phase 3 est ouverte\u00a0: Monnaie locale");
        es.Title.Should().Be("La fase 3 está abierta: Monnaie locale", "a phase untranslated into Spanish is named in its original language");
        AnnouncementComposer.Paragraphs(en.Body)[0].Should().Be("Phase 3 of “Territories” is open from 9 to 21 September.");
        AnnouncementComposer.Paragraphs(fr.Body)[0].Should().Be("La phase 3 de «\u00a0Territoires\u00a0» est ouverte du 9 au 21 septembre.");
        AnnouncementComposer.Paragraphs(es.Body)[0].Should().Be("La fase 3 de «Territoires» está abierta del 9 al 21 de septiembre.");
        AnnouncementComposer.Paragraphs(es.Body)[1].Should().Be("La pregunta: Comment la monnaie locale aide-t-elle ?");
    }

    [Fact]
    public void An_opening_gives_the_previous_phase_counts_and_the_latest_synthesis()
    {
        var facts = Facts(previous: new PreviousPhaseFacts(2, TwoInFrench(), Final: true),
            synthesis: new SynthesisFacts(2, [new TitleIn("fr", "Ce que nous avons appris")]));

        var en = AnnouncementComposer.Paragraphs(Composer.Compose(facts, "en", Paris, Now).Body);
        var fr = AnnouncementComposer.Paragraphs(Composer.Compose(facts, "fr", Paris, Now).Body);

        en.Should().Contain("Phase 2 in figures — 2 contributions in total: 2 in French only.");
        en.Should().Contain("Synthesis no. 2 is available: “Ce que nous avons appris” — Available in French only.");
        fr.Should().Contain("La synthèse n°\u00a02 est disponible\u00a0: «\u00a0Ce que nous avons appris\u00a0» — Disponible uniquement en français.");
    }

    [Fact]
    public void The_moderators_note_appears_only_in_its_own_language()
    {
        var fr = AnnouncementComposer.Paragraphs(Composer.Compose(Facts(), "fr", Paris, Now).Body);
        var en = Composer.Compose(Facts(), "en", Paris, Now).Body;

        fr.Should().EndWith(["Le mot des modérateurs\u00a0:", "Apportez vos exemples.", "Merci !"]);
        en.Should().NotContain("From the moderators").And.NotContain("Apportez");
    }

    [Fact]
    public void A_reopening_and_an_extension_are_short_notices()
    {
        var facts = Facts(previous: new PreviousPhaseFacts(2, TwoInFrench(), true), synthesis: new SynthesisFacts(1, [new TitleIn("fr", "S")]));

        var reopened = Composer.Compose(facts with { Kind = AnnouncementKind.Reopened }, "en", Paris, Now);
        var extended = Composer.Compose(facts with { Kind = AnnouncementKind.Extended }, "es", Paris, Now);

        reopened.Title.Should().Be("Phase 3 is open again: Local money");
        reopened.Body.Should().Be("Phase 3 of “Territories” is open again, from 9 to 21 September.");
        extended.Title.Should().Be("La fase 3 se prolonga: Monnaie locale");
        extended.Body.Should().Be("La fase 3 de «Territoires» se prolonga: ahora está abierta del 9 al 21 de septiembre.");
    }

    [Fact]
    public void Body_paragraphs_are_split_on_blank_lines_and_joined_within()
    {
        AnnouncementComposer.Paragraphs("One\nline.\r\n\r\n\n Two. \n\n").Should().Equal("One line.", "Two.");
    }
}

public class AnnouncementDecisionTests
{
    private static readonly DateTime Opens = new(2026, 9, 9, 7, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Closes = new(2026, 9, 21, 21, 59, 0, DateTimeKind.Utc);

    private static PhaseAnnouncement Told(PhaseState state, DateTime? closes = null) =>
        new() { PhaseId = 1, State = state, OpensAt = Opens, ClosesAt = closes ?? Closes };

    [Fact]
    public void Opening_for_the_first_time_is_announced_in_full()
    {
        Told(PhaseState.Open).AnnouncementSince(Told(PhaseState.Scheduled), openedBefore: false, isNew: false).Should().Be(AnnouncementKind.Opened);
        Told(PhaseState.Open).AnnouncementSince(null, openedBefore: false, isNew: true).Should().Be(AnnouncementKind.Opened);
    }

    [Fact]
    public void An_open_phase_met_for_the_first_time_long_after_its_creation_is_not_announced()
    {
        Told(PhaseState.Open).AnnouncementSince(null, openedBefore: false, isNew: false).Should().BeNull();
    }

    [Fact]
    public void Opening_again_is_a_reopening_and_a_later_closing_an_extension()
    {
        Told(PhaseState.Open).AnnouncementSince(Told(PhaseState.Closed), false, false).Should().Be(AnnouncementKind.Reopened);
        Told(PhaseState.Open).AnnouncementSince(Told(PhaseState.Scheduled), openedBefore: true, isNew: false).Should().Be(AnnouncementKind.Reopened);
        Told(PhaseState.Open, Closes.AddDays(3)).AnnouncementSince(Told(PhaseState.Open), false, false).Should().Be(AnnouncementKind.Extended);
        Told(PhaseState.Open, Closes.AddDays(-3)).AnnouncementSince(Told(PhaseState.Open), false, false).Should().BeNull("an earlier closing is no extension");
        Told(PhaseState.Closed).AnnouncementSince(Told(PhaseState.Open), false, false).Should().BeNull();
    }

    [Fact]
    public void Closing_is_told_only_of_a_phase_readers_knew_open()
    {
        Told(PhaseState.Closed).ClosedSince(Told(PhaseState.Open)).Should().BeTrue();
        Told(PhaseState.Closed).ClosedSince(Told(PhaseState.Scheduled)).Should().BeFalse();
        Told(PhaseState.Closed).ClosedSince(null).Should().BeFalse();
    }

    [Fact]
    public void The_reminder_is_due_48_hours_before_the_closing_once_per_closing()
    {
        var open = Told(PhaseState.Open);
        open.NeedsReminder(null, Closes.AddHours(-48).AddMinutes(-1)).Should().BeFalse();
        open.NeedsReminder(null, Closes.AddHours(-48)).Should().BeTrue();
        open.NeedsReminder(Closes, Closes.AddHours(-1)).Should().BeFalse("already recorded for this closing");
        open.NeedsReminder(Closes.AddDays(-2), Closes.AddHours(-1)).Should().BeTrue("the closing moved since");
        open.NeedsReminder(null, Closes).Should().BeFalse();
    }
}
