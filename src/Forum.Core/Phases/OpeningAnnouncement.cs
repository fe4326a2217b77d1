namespace Forum.Core.Phases;

/// <summary>
/// What the forum tells everyone when a phase opens, composed once in every forum language at that moment
/// (theme, question, dates, the previous phase's count, the latest synthesis, the moderators' note), then
/// shown on the theme page, in its feed, pushed live and sent to the theme's followers. A reopening or an
/// extension is a short notice of the same kind.
/// </summary>
public class OpeningAnnouncement
{
    public long Id { get; set; }
    public int ThemeId { get; set; }
    public int PhaseId { get; set; }
    public AnnouncementKind Kind { get; set; }
    public DateTime At { get; set; }
    public List<OpeningAnnouncementText> Texts { get; set; } = [];
}

public enum AnnouncementKind
{
    Opened,
    Reopened,
    Extended,
}

/// <summary>The announcement in one language: a title and plain-text paragraphs separated by blank lines (escaped wherever shown).</summary>
public class OpeningAnnouncementText
{
    public long AnnouncementId { get; set; }
    public required string Language { get; set; }
    public required string Title { get; set; }
    public required string Body { get; set; }
}
