using Forum.Core.Phases;

namespace Forum.Core.Themes;

/// <summary>A subject of debate, run as a sequence of phases.</summary>
public class Theme
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public int Position { get; set; }
    public bool IsPublished { get; set; }
    public required string OriginalLanguage { get; set; }
    public List<ThemeText> Texts { get; set; } = [];
    public List<Phase> Phases { get; set; } = [];
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public Guid ConcurrencyToken { get; set; } = Guid.NewGuid();
}

public class ThemeText
{
    public int ThemeId { get; set; }
    public required string Language { get; set; }
    public required string Title { get; set; }
    public required string Description { get; set; }
}
