namespace Forum.Data.Accounts;

/// <summary>
/// Role names. Every signed-in user is a participant; the role is given at registration so that it
/// can also be withdrawn from a user.
/// </summary>
public static class Roles
{
    public const string Participant = "participant";
    public const string Moderator = "moderator";
    public const string Admin = "admin";

    public static readonly string[] All = [Participant, Moderator, Admin];
}
