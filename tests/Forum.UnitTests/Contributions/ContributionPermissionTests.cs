using Forum.Core;
using Forum.Core.Contributions;
using Forum.Core.Errors;
using Forum.Core.Languages;
using Forum.Core.Phases;
using Forum.Core.Text;

namespace Forum.UnitTests.Contributions;

/// <summary>The "may I?" answers pages and the live script show: each agrees with the method that acts.</summary>
public class ContributionPermissionTests
{
    private static readonly DateTime Now = new(2026, 9, 10, 8, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(30);
    private static readonly VersionText Texts = new(new ForumLanguages(["en", "fr", "es"]), new ForumOptions(), new MarkdownRenderer());

    private static ContributionVersion Text(string language, string author = "author", DateTime? at = null) =>
        Texts.Create(language, "Un titre", "Un texte.", titleRequired: false, author, at ?? Now);

    private static Contribution Posted(bool hidden = false, bool reply = false)
    {
        var contribution = Contribution.Start(1, PhaseState.Open, "author", Text("fr"), Now);
        contribution.Id = 7;
        contribution.ParentId = reply ? 3 : null;
        contribution.IsHidden = hidden;
        return contribution;
    }

    private static bool Succeeds(Action act)
    {
        try
        {
            act();
            return true;
        }
        catch (ForumException)
        {
            return false;
        }
    }

    public static TheoryData<PhaseState, bool, bool> Cases()
    {
        var cases = new TheoryData<PhaseState, bool, bool>();
        foreach (var state in Enum.GetValues<PhaseState>())
        {
            foreach (var hidden in new[] { false, true })
            {
                foreach (var reply in new[] { false, true })
                {
                    cases.Add(state, hidden, reply);
                }
            }
        }
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_contribution_says_it_takes_a_reply_exactly_when_replying_succeeds(PhaseState state, bool hidden, bool reply)
    {
        var contribution = Posted(hidden, reply);
        contribution.CanReply(state).Should().Be(Succeeds(() => contribution.Reply(state, "reader", Text("en", "reader"), Now)));
    }

    [Fact]
    public void Only_a_visible_top_level_contribution_of_an_open_phase_takes_a_reply()
    {
        Posted().CanReply(PhaseState.Open).Should().BeTrue();
        Posted().CanReply(PhaseState.Closed).Should().BeFalse();
        Posted().CanReply(PhaseState.Scheduled).Should().BeFalse();
        Posted(hidden: true).CanReply(PhaseState.Open).Should().BeFalse();
        Posted(reply: true).CanReply(PhaseState.Open).Should().BeFalse();
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_contribution_says_it_takes_a_translation_exactly_when_translating_succeeds(PhaseState state, bool hidden, bool reply)
    {
        foreach (var language in new[] { "en", "fr" })
        {
            var contribution = Posted(hidden, reply);
            contribution.CanTranslate(state, language).Should().Be(Succeeds(() => contribution.Translate(state, Text(language, "translator"))));
        }
    }

    [Fact]
    public void A_translation_is_welcome_after_closing_in_a_language_not_there_yet()
    {
        Posted().CanTranslate(PhaseState.Closed, "en").Should().BeTrue();
        Posted().CanTranslate(PhaseState.Open, "fr").Should().BeFalse();
        Posted().CanTranslate(PhaseState.Scheduled, "en").Should().BeFalse();
        Posted(hidden: true).CanTranslate(PhaseState.Open, "en").Should().BeFalse();
    }

    [Fact]
    public void Posting_is_possible_in_an_open_phase_only()
    {
        Enum.GetValues<PhaseState>().Where(Contribution.CanStart).Should().Equal(PhaseState.Open);
        foreach (var state in Enum.GetValues<PhaseState>())
        {
            Contribution.CanStart(state).Should().Be(Succeeds(() => Contribution.Start(1, state, "author", Text("fr"), Now)));
        }
    }

    [Fact]
    public void A_version_is_editable_by_its_author_until_the_window_after_its_writing()
    {
        var contribution = Posted();
        contribution.EditableUntil("fr", "author", Window, Now.AddMinutes(29)).Should().Be(Now + Window);
        contribution.Edit(Texts.Create("fr", "Un titre", "Corrigé.", titleRequired: false, "author", Now.AddMinutes(10)), "author", Window, Now.AddMinutes(10))
            .Should().NotBeNull();
        // An edit does not move the end of the window.
        contribution.EditableUntil("fr", "author", Window, Now.AddMinutes(20)).Should().Be(Now + Window);
        contribution.EditableUntil("fr", "author", Window, Now + Window).Should().BeNull();
    }

    [Fact]
    public void A_version_is_not_editable_by_others_when_editing_is_off_when_hidden_or_in_a_language_it_lacks()
    {
        Posted().EditableUntil("fr", "someone-else", Window, Now).Should().BeNull();
        Posted().EditableUntil("fr", "author", TimeSpan.Zero, Now).Should().BeNull();
        Posted(hidden: true).EditableUntil("fr", "author", Window, Now).Should().BeNull();
        Posted().EditableUntil("en", "author", Window, Now).Should().BeNull();
    }

    [Theory]
    [InlineData("author", 0, false)]
    [InlineData("author", 29, false)]
    [InlineData("author", 30, false)]
    [InlineData("someone-else", 5, false)]
    [InlineData("author", 5, true)]
    public void EditableUntil_answers_exactly_when_editing_succeeds(string editor, int minutes, bool hidden)
    {
        var at = Now.AddMinutes(minutes);
        var contribution = Posted(hidden);
        var editable = contribution.EditableUntil("fr", editor, Window, at) is not null;
        editable.Should().Be(Succeeds(() => contribution.Edit(Texts.Create("fr", "Autre titre", "Autre texte.", titleRequired: false, editor, at), editor, Window, at)));
    }

    [Fact]
    public void Hidden_contributions_are_seen_by_the_moderation_team_only_in_checks_and_in_queries_alike()
    {
        var visible = Posted();
        var hidden = Posted(hidden: true);
        foreach (var moderator in new[] { false, true })
        {
            var query = Contribution.VisibleTo(moderator).Compile();
            foreach (var contribution in new[] { visible, hidden })
            {
                query(contribution).Should().Be(contribution.IsVisibleTo(moderator));
            }
        }
        visible.IsVisibleTo(isModerator: false).Should().BeTrue();
        hidden.IsVisibleTo(isModerator: false).Should().BeFalse();
        hidden.IsVisibleTo(isModerator: true).Should().BeTrue();
    }
}
