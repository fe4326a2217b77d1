using System.Net;
using Forum.FunctionalTests.Infrastructure;

namespace Forum.FunctionalTests.Accounts;

/// <summary>Issue 10: the forum always keeps an administrator, whether the last one deletes their account or drops the role.</summary>
public sealed class LastAdminTests(ForumApp app) : IClassFixture<ForumApp>
{
    [Fact]
    public async Task The_last_admin_cannot_take_away_their_own_admin_role_but_can_once_there_is_another()
    {
        var admin = await app.AdminAsync();
        var refused = await admin.PutAsync($"/api/users/{ForumApp.AdminEmail}/roles", new { roles = new[] { "participant", "moderator" } });
        await refused.ShouldBeProblemAsync(HttpStatusCode.Conflict, "account.last-admin");
        var me = await (await app.AdminAsync()).GetJsonAsync("/api/account/me");
        me["roles"]!.AsArray().Select(r => r!.GetValue<string>()).Should().Contain("admin", "nothing was changed");

        var other = $"second-admin-{Guid.NewGuid():N}@tests.localhost";
        await app.Anonymous().RegisterAsync(other, Demo.Password);
        admin = await app.AdminAsync();
        (await admin.PutAsync($"/api/users/{other}/roles", new { roles = new[] { "participant", "admin" } })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await admin.PutAsync($"/api/users/{ForumApp.AdminEmail}/roles", new { roles = new[] { "participant", "moderator" } })).StatusCode.Should().Be(HttpStatusCode.OK);

        var second = await app.Anonymous().LoginAsync(other, Demo.Password);
        await (await second.PutAsync($"/api/users/{other}/roles", new { roles = new[] { "participant" } }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "account.last-admin");
    }
}
