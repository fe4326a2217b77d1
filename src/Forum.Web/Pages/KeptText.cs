namespace Forum.Web.Pages;

/// <summary>
/// What a participant typed in a refused form that cannot be sent again (the phase closed, the edit time ended, the
/// page is gone): shown read-only to be copied. <paramref name="Form"/> is the model-state prefix, <paramref name="Id"/> the ids' prefix.
/// </summary>
public sealed record KeptText(string Form, string Id, TextForm Text);
