using Forum.Core.Errors;
using Forum.Core.Phases;

namespace Forum.UnitTests.Phases;

public class PhaseNumberingTests
{
    private static List<Phase> Numbered(params int[] numbers) =>
        numbers.Select(n => new Phase { Id = n * 10, Number = n, OriginalLanguage = "en" }).ToList();

    [Fact]
    public void The_first_phase_of_a_theme_is_number_1()
    {
        Phase.NumberIn([], requested: null).Should().Be(1);
    }

    [Fact]
    public void A_new_phase_follows_the_highest_number_even_after_a_gap()
    {
        Phase.NumberIn(Numbered(1, 2, 5), requested: null).Should().Be(6);
    }

    [Fact]
    public void A_free_number_may_be_asked_for_to_fill_a_gap()
    {
        Phase.NumberIn(Numbered(1, 2, 5), requested: 3).Should().Be(3);
    }

    [Fact]
    public void A_number_the_theme_already_has_is_a_conflict_naming_the_number()
    {
        var act = () => Phase.NumberIn(Numbered(1, 2), requested: 2);
        var refusal = act.Should().Throw<ForumException>().Which;
        refusal.Kind.Should().Be(FailureKind.Conflict);
        refusal.Rule.Should().Be("phase.number-taken");
        refusal.Field.Should().Be("number");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Numbers_start_at_1(int requested)
    {
        var act = () => Phase.NumberIn(Numbered(1), requested);
        act.Should().Throw<ForumException>().Which.Rule.Should().Be("phase.number-invalid");
    }
}
