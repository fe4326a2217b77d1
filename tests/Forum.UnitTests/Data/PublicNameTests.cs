using Forum.Data.Accounts;
using Forum.Synthesis;
using Microsoft.EntityFrameworkCore;

namespace Forum.UnitTests.Data;

/// <summary>The name shown for an account is one rule, read the same in SQL (exports) and in code (API, pages, feeds).</summary>
public class PublicNameTests(SqliteDatabase database) : IClassFixture<SqliteDatabase>
{
    [Theory]
    [InlineData("Marie Curie", "marie@example.org", "Marie Curie")]
    [InlineData(null, "marie@example.org", "marie")]
    [InlineData("", "pierre@example.org", "pierre")]
    [InlineData("   ", "paul@example.org", "paul")]
    [InlineData(null, "no-at-sign", "no-at-sign")]
    [InlineData(null, "a@b@example.org", "a")]
    public async Task The_query_and_the_code_choose_the_same_public_name(string? displayName, string userName, string expected)
    {
        var id = Guid.NewGuid().ToString();
        await using (var db = database.CreateContext())
        {
            // No normalized name: nothing unique stands in the way of the same user name in several cases.
            db.Users.Add(new ForumUser { Id = id, DisplayName = displayName, UserName = userName });
            await db.SaveChangesAsync();
        }
        await using var read = database.CreateContext();
        var user = await read.Users.SingleAsync(u => u.Id == id);
        var fromSql = await ((IForumData)read).AuthorNames.Where(a => a.Id == id).Select(a => a.Name).SingleAsync();
        fromSql.Should().Be(user.PublicName);
        user.PublicName.Should().Be(expected);
    }
}
