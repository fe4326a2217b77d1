using System.Security.Claims;
using Forum.Web.Authorization;
using Forum.Web.Themes;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Forum.Web.Api;

public static class ThemesApi
{
    public static IEndpointRouteBuilder MapThemesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/themes").WithTags("Themes");
        api.MapGet("/", ListThemes).WithName("ListThemes").WithSummary("Published themes in order; moderators may include drafts.");
        api.MapGet("/{slug}", GetTheme).WithName("GetTheme").WithSummary("A theme with its phases.");
        api.MapPost("/", CreateTheme).WithName("CreateTheme").WithSummary("Create a theme.").RequireAuthorization(Policies.Moderator);
        api.MapPut("/{slug}", EditTheme).WithName("EditTheme").WithSummary("Edit a theme (send the version you read).").RequireAuthorization(Policies.Moderator);
        return app;
    }

    internal static async Task<Results<Ok<List<ThemeView>>, ForbidHttpResult>> ListThemes(
        ThemeService themes, ClaimsPrincipal user, string? lang, bool includeDrafts = false) =>
        await themes.ListAsync(lang, includeDrafts, user) is { } list ? TypedResults.Ok(list) : TypedResults.Forbid();

    internal static async Task<Ok<ThemeView>> GetTheme(string slug, string? lang, ThemeService themes, ClaimsPrincipal user) =>
        TypedResults.Ok(await themes.ReadAsync(slug, lang, user));

    internal static async Task<Created<ThemeView>> CreateTheme(ThemeInput input, ThemeService themes, ClaimsPrincipal user)
    {
        var theme = await themes.CreateAsync(input, user);
        return TypedResults.Created($"/api/themes/{theme.Slug}", theme);
    }

    internal static async Task<Ok<ThemeView>> EditTheme(string slug, ThemeInput input, ThemeService themes, ClaimsPrincipal user) =>
        TypedResults.Ok(await themes.EditAsync(slug, input, user));
}
