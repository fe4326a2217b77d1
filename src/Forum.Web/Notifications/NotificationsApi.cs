using System.Security.Claims;
using Forum.Core.Errors;
using Forum.Core.Notifications;
using Forum.Web.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Forum.Web.Notifications;

/// <summary>The API of following and of the choices per kind of notification; the rules are the service's.</summary>
public static class NotificationsApi
{
    public static IEndpointRouteBuilder MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/api/account").WithTags("Notifications").RequireAuthorization(Policies.Participant);
        account.MapGet("/notifications", Preferences).WithName("NotificationPreferences")
            .WithSummary("How you hear of each kind of happening: immediately, dailyDigest or never.");
        account.MapPut("/notifications", SetPreferences).WithName("SetNotificationPreferences")
            .WithSummary("Change some or all of your choices ({ \"reply\": \"dailyDigest\", … }); kinds not named stay as they are.");
        account.MapGet("/follows", Follows).WithName("Follows").WithSummary("The themes and phases you follow.");

        foreach (var target in new[] { FollowService.ThemeTarget, FollowService.PhaseTarget })
        {
            var group = app.MapGroup($"/api/{target}s/{{id:int}}/follow").WithTags("Notifications").RequireAuthorization(Policies.Participant);
            group.MapPut("", (int id, ClaimsPrincipal user, FollowService follows) => Follow(target, id, user, follows, true))
                .WithName($"Follow{(target == FollowService.ThemeTarget ? "Theme" : "Phase")}").WithSummary($"Follow this {target}.");
            group.MapDelete("", (int id, ClaimsPrincipal user, FollowService follows) => Follow(target, id, user, follows, false))
                .WithName($"Unfollow{(target == FollowService.ThemeTarget ? "Theme" : "Phase")}")
                .WithSummary($"Stop following this {target} (remembered: writing in a phase does not follow it again).");
        }
        return app;
    }

    public sealed record FollowsView(IReadOnlyList<FollowItem> Follows);

    public sealed record FollowItem(string Target, int Id, string Title, string Language, int? PhaseNumber, DateTime Since);

    public sealed record FollowState(string Target, int Id, bool Following);

    internal static async Task<Ok<Dictionary<string, string>>> Preferences(ClaimsPrincipal user, FollowService follows) =>
        TypedResults.Ok(View(await follows.PreferencesAsync(user.Id())));

    internal static async Task<Ok<Dictionary<string, string>>> SetPreferences(Dictionary<string, string?>? input, ClaimsPrincipal user, FollowService follows)
    {
        if (input is null || input.Count == 0)
        {
            throw ForumException.Invalid("body", "notifications.choices-required", "Name at least one kind with its choice, e.g. { \"reply\": \"never\" }.");
        }
        var choices = input.ToDictionary(c => FollowService.ParseKind(c.Key, c.Key), c => FollowService.ParseDelivery(c.Value, c.Key));
        await follows.SetPreferencesAsync(user.Id(), choices);
        return TypedResults.Ok(View(await follows.PreferencesAsync(user.Id())));
    }

    internal static async Task<Ok<FollowsView>> Follows(string? lang, ClaimsPrincipal user, FollowService follows, Core.Languages.ForumLanguages languages) =>
        TypedResults.Ok(new FollowsView((await follows.ListAsync(user.Id(), languages.Optional(lang, "lang") ?? languages.Default))
            .Select(f => new FollowItem(f.Target, f.Id, f.Title, f.Language, f.PhaseNumber, f.Since)).ToList()));

    private static async Task<Ok<FollowState>> Follow(string target, int id, ClaimsPrincipal user, FollowService follows, bool follow)
    {
        if (follow)
        {
            await follows.FollowAsync(target, id, user);
        }
        else
        {
            await follows.UnfollowAsync(target, id, user);
        }
        return TypedResults.Ok(new FollowState(target, id, follow));
    }

    private static Dictionary<string, string> View(Dictionary<NotificationKind, Delivery> preferences) =>
        preferences.ToDictionary(p => FollowService.KindName(p.Key), p => FollowService.DeliveryName(p.Value));
}
