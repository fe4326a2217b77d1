namespace Forum.Data.EntityConfigurations;

/// <summary>Column sizes. Text limits users see are set lower in ForumOptions; these are the storage ceilings.</summary>
internal static class Limits
{
    public const int Slug = 100;
    public const int Language = 8;
    public const int Title = 400;
    public const int Description = 8_000;
    public const int Question = 8_000;
    public const int UserId = 450;
    public const int Reason = 2_000;
    public const int Action = 64;
    public const int Combination = 64;
    public const int Status = 32;
}
