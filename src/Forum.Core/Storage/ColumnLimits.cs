namespace Forum.Core.Storage;

/// <summary>
/// Column sizes of every table, the forum's and the synthesis module's, so that a user id or a language code is
/// as wide everywhere. Text limits users see are set lower in ForumOptions; these are the storage ceilings.
/// </summary>
public static class ColumnLimits
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

    /// <summary>A tally's kind or a synthesis's status.</summary>
    public const int Kind = 16;

    /// <summary>What a tally counts: a language, a combination, a day.</summary>
    public const int Item = 64;
}
