namespace Forum.Web.Pages.Notifications;

/// <summary>The follow button of a theme's or a phase's page (<c>_Follow</c>); the button leads back to the page it is on.</summary>
public sealed record FollowButton(string Target, int Id, ForumPageModel Page);
