using FluentAssertions;
using Forum.Web.Accounts;

namespace Forum.UnitTests.Accounts;

public sealed class AccountMailRulesTests
{
    [Theory]
    [InlineData(null, true, true)]
    [InlineData(null, false, false)]
    [InlineData(false, true, false)]
    [InlineData(true, false, true)]
    public void Confirmation_is_required_when_set_else_when_the_forum_sends_real_mail(bool? configured, bool usesSmtp, bool required) =>
        ConfirmedAddressRule.Resolve(configured, usesSmtp).Should().Be(required);

    [Fact]
    public void A_code_in_a_link_reads_back_as_the_token_it_carries()
    {
        const string token = "CfDJ8+token/with=signs";
        var code = AccountMail.Encode(token);

        code.Should().NotContainAny("+", "/", "=");
        AccountMail.Decode(code).Should().Be(token);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not base64 at all!")]
    public void A_missing_or_altered_code_reads_as_no_token(string? code) =>
        AccountMail.Decode(code).Should().BeNull();

    [Fact]
    public void The_codes_of_an_html_encoded_identity_link_are_read_for_the_forum_page()
    {
        var query = IdentityMailSender.QueryOf("http://localhost/api/account/confirmEmail?userId=42&amp;code=Q2ZESjg&amp;changedEmail=new%40example.org");

        query["userId"].Should().Be("42");
        query["code"].Should().Be("Q2ZESjg");
        query["changedEmail"].Should().Be("new@example.org");
    }
}
